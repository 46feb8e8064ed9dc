namespace ModArith.Core.Analysis;

/// <summary>
/// The paper's "ratio matching" algorithm: if the query (x, y) is c·(xᵢ, yᵢ) mod p for some
/// in-context example i and some c in Z_p, answer c·zᵢ. It needs no knowledge of (a, b), only one
/// example on the query's line through the origin. c = 0 is allowed: the query (0, 0) is always
/// matched (its answer is 0 for every task).
/// </summary>
public static class RatioMatching
{
    /// <summary>The answer ratio matching gives for the query, or null when no example matches.</summary>
    public static int? Answer(IReadOnlyList<ContextExample> context, int x, int y, int p)
    {
        x = ModularLinearAlgebra.Mod(x, p);
        y = ModularLinearAlgebra.Mod(y, p);
        foreach (var e in context)
        {
            int? c = Ratio(e.X, e.Y, x, y, p);
            if (c is int k) return ModularLinearAlgebra.Mod((long)k * e.Z, p);
        }
        return null;
    }

    /// <summary>c with (x, y) ≡ c·(ex, ey), or null. A zero example matches only the zero query (with c = 0).</summary>
    private static int? Ratio(int ex, int ey, int x, int y, int p)
    {
        ex = ModularLinearAlgebra.Mod(ex, p);
        ey = ModularLinearAlgebra.Mod(ey, p);
        if (x == 0 && y == 0) return 0;
        int c;
        if (ex != 0) c = (int)((long)x * ModularLinearAlgebra.Inverse(ex, p) % p);
        else if (ey != 0) c = (int)((long)y * ModularLinearAlgebra.Inverse(ey, p) % p);
        else return null;
        return (long)c * ex % p == x && (long)c * ey % p == y ? c : null;
    }
}
