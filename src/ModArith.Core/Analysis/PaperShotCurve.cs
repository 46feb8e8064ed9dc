namespace ModArith.Core.Analysis;

/// <summary>
/// The paper's reported accuracy vs number of in-context examples in the o.o.d. generalization
/// phase (p = 29; see PAPER.md), drawn beside a checkpoint's measured curve for comparison.
/// </summary>
public static class PaperShotCurve
{
    /// <summary>The modulus the paper measured the curve at.</summary>
    public const int P = 29;

    /// <summary>(shots before the query, o.o.d. accuracy), in increasing shots.</summary>
    public static readonly IReadOnlyList<(int Shots, double Accuracy)> OodGeneralization =
        [(0, 0.03), (1, 0.07), (3, 0.22), (4, 0.43), (6, 0.68), (8, 0.80), (11, 0.92), (31, 0.96)];

    /// <summary>The points a sequence of <paramref name="examplesPerSequence"/> examples can show (shots 0..k-1).</summary>
    public static IEnumerable<(int Shots, double Accuracy)> UpTo(int examplesPerSequence) =>
        OodGeneralization.Where(x => x.Shots < examplesPerSequence);
}
