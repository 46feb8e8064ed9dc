namespace ModArith.Core.Analysis;

/// <summary>
/// The paper's "modular regression" algorithm: if the query (x, y) = Σ cᵢ·(xᵢ, yᵢ) mod p is
/// solvable, i.e. the context's inputs span the query over Z_p, answer Σ cᵢ·zᵢ. Two independent
/// examples span every query; repeated or collinear ones span only their line.
/// </summary>
public static class ModularRegression
{
    /// <summary>The answer modular regression gives for the query, or null when the context does not span it.</summary>
    public static int? Answer(IReadOnlyList<ContextExample> context, int x, int y, int p)
    {
        var inputs = context.Select(e => new[] { e.X, e.Y }).ToArray();
        var coefficients = ModularLinearAlgebra.Solve(inputs, [x, y], p);
        if (coefficients is null) return null;
        long sum = 0;
        for (int i = 0; i < coefficients.Length; i++) sum += (long)coefficients[i] * context[i].Z % p;
        return ModularLinearAlgebra.Mod(sum, p);
    }

    /// <summary>Rank over Z_p of the context's (x, y) inputs: 0, 1 (all on one line) or 2 (every query solvable).</summary>
    public static int Rank(IReadOnlyList<ContextExample> context, int p) =>
        ModularLinearAlgebra.Rank(context.Select(e => new[] { e.X, e.Y }).ToArray(), p);
}
