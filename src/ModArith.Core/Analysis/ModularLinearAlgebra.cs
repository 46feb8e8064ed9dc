namespace ModArith.Core.Analysis;

/// <summary>
/// Exact linear algebra over Z_p (p prime), for the algorithms the paper compares the model with:
/// Gaussian elimination gives the rank of a set of vectors and solves c₁v₁ + … + cₖvₖ = q.
/// Integers only; nothing is rounded.
/// </summary>
public static class ModularLinearAlgebra
{
    /// <summary>a mod p in 0..p-1, also for negative a.</summary>
    public static int Mod(long a, int p) => (int)(((a % p) + p) % p);

    /// <summary>The inverse of a non-zero a in Z_p (Fermat: a^(p-2)).</summary>
    public static int Inverse(int a, int p)
    {
        a = Mod(a, p);
        if (a == 0) throw new DivideByZeroException("0 has no inverse mod p");
        long result = 1, b = a;
        for (int e = p - 2; e > 0; e >>= 1, b = b * b % p)
            if ((e & 1) == 1) result = result * b % p;
        return (int)result;
    }

    /// <summary>Rank over Z_p of the given vectors (all the same length).</summary>
    public static int Rank(IReadOnlyList<int[]> vectors, int p)
    {
        if (vectors.Count == 0) return 0;
        var rows = vectors.Select(v => v.Select(e => Mod(e, p)).ToArray()).ToArray();
        return Eliminate(rows, rows[0].Length, p).Count;
    }

    /// <summary>
    /// Coefficients c (one per vector) with Σ cᵢ·vᵢ ≡ target (mod p), or null when the target is
    /// not in the span of the vectors. Free coefficients are set to 0, so the solution is one of
    /// possibly many; any of them gives the same Σ cᵢ·zᵢ when the z's come from one linear task.
    /// </summary>
    public static int[]? Solve(IReadOnlyList<int[]> vectors, int[] target, int p)
    {
        int n = vectors.Count, m = target.Length;
        // Augmented matrix [V | target]: one row per coordinate, one column per vector.
        var rows = new int[m][];
        for (int r = 0; r < m; r++)
        {
            rows[r] = new int[n + 1];
            for (int c = 0; c < n; c++) rows[r][c] = Mod(vectors[c][r], p);
            rows[r][n] = Mod(target[r], p);
        }
        var pivots = Eliminate(rows, n, p);   // reduced row echelon form on the first n columns
        // Inconsistent: a row with no pivot among the vectors' columns but a non-zero target.
        for (int r = pivots.Count; r < m; r++)
            if (rows[r][n] != 0) return null;
        var solution = new int[n];
        for (int r = 0; r < pivots.Count; r++) solution[pivots[r]] = rows[r][n];
        return solution;
    }

    /// <summary>
    /// Reduces the rows in place to reduced row echelon form over the first <paramref name="columns"/>
    /// columns (other columns are carried along); returns the pivot column of each leading row.
    /// </summary>
    private static List<int> Eliminate(int[][] rows, int columns, int p)
    {
        var pivots = new List<int>();
        int width = rows.Length == 0 ? 0 : rows[0].Length;
        for (int col = 0; col < columns && pivots.Count < rows.Length; col++)
        {
            int top = pivots.Count;
            int found = -1;
            for (int r = top; r < rows.Length; r++)
                if (rows[r][col] != 0) { found = r; break; }
            if (found < 0) continue;
            (rows[top], rows[found]) = (rows[found], rows[top]);
            int inverse = Inverse(rows[top][col], p);
            for (int c = 0; c < width; c++) rows[top][c] = (int)((long)rows[top][c] * inverse % p);
            for (int r = 0; r < rows.Length; r++)
            {
                if (r == top || rows[r][col] == 0) continue;
                long factor = rows[r][col];
                for (int c = 0; c < width; c++) rows[r][c] = Mod(rows[r][c] - factor * rows[top][c], p);
            }
            pivots.Add(col);
        }
        return pivots;
    }
}
