using ModArith.Core.Model;

namespace ModArith.Core.Analysis;

/// <summary>
/// Correctness grid of a task at a shot count: the model's z for each of the p² queries after the
/// same k examples, next to which queries the paper's two algorithms could answer from them.
/// </summary>
public static class CorrectnessAnalysis
{
    /// <summary>Call under no_grad inside a dispose scope.</summary>
    public static CorrectnessMap Compute(Gpt model, AnalysisContext context)
    {
        int p = context.P;
        var trace = ModelProbe.Run(model, context.Tokens(), QueryGrid.Suffixes(context, QueryPosition.Y));
        var predicted = trace.Logits[.., 1].argmax(-1).cpu().data<long>().Select(v => (int)v).ToArray();   // z predicted at the query's y
        var correct = new bool[p * p];
        var ratio = new bool[p * p];
        var regression = new bool[p * p];
        for (int x = 0, i = 0; x < p; x++)
            for (int y = 0; y < p; y++, i++)
            {
                correct[i] = predicted[i] == context.Task.Apply(x, y, p);
                ratio[i] = RatioMatching.Answer(context.Examples, x, y, p) is not null;
                regression[i] = ModularRegression.Answer(context.Examples, x, y, p) is not null;
            }
        return new CorrectnessMap(
            QueryGrid.ToGrid(predicted, p), QueryGrid.ToGrid(correct, p), QueryGrid.ToGrid(ratio, p), QueryGrid.ToGrid(regression, p),
            Fraction(correct), Fraction(ratio), Fraction(regression), AccuracyWhere(correct, ratio), AccuracyWhere(correct, regression),
            ModularRegression.Rank(context.Examples, p));
    }

    private static double Fraction(bool[] flags) => flags.Count(f => f) / (double)flags.Length;

    /// <summary>The model's accuracy on the queries an algorithm covers (null when it covers none).</summary>
    private static double? AccuracyWhere(bool[] correct, bool[] covered)
    {
        int n = covered.Count(c => c);
        return n == 0 ? null : correct.Where((_, i) => covered[i]).Count(c => c) / (double)n;
    }
}
