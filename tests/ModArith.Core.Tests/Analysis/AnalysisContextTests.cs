using ModArith.Core.Analysis;
using ModArith.Core.Tasks;

namespace ModArith.Core.Tests.Analysis;

public class AnalysisContextTests
{
    [Fact]
    public void A_random_context_is_reproducible_labelled_by_the_task_and_drawn_from_the_given_pairs()
    {
        var task = new ModularTask(2, 3);
        InputPair[] pairs = [new(1, 4), new(5, 6), new(0, 2)];
        var a = AnalysisContext.Random(7, task, 6, pairs, seed: 3);
        var b = AnalysisContext.Random(7, task, 6, pairs, seed: 3);
        Assert.Equal(a.Examples, b.Examples);
        Assert.NotEqual(a.Examples, AnalysisContext.Random(7, task, 6, pairs, seed: 4).Examples);
        Assert.Equal(6, a.Shots);
        Assert.All(a.Examples, e => Assert.Contains(new InputPair(e.X, e.Y), pairs));
        Assert.All(a.Examples, e => Assert.Equal((2 * e.X + 3 * e.Y) % 7, e.Z));
        Assert.Equal(18, a.Tokens().Length);
    }

    [Fact]
    public void A_typed_context_is_checked_against_the_task_and_each_bad_example_is_named()
    {
        var task = new ModularTask(2, 3);
        var (ok, none) = AnalysisContext.Typed(7, task, 2, [[1, 1, 5], [2, 0, 4]]);
        Assert.Empty(none);
        Assert.Equal(new long[] { 1, 1, 5, 2, 0, 4 }, ok!.Tokens());

        var (bad, errors) = AnalysisContext.Typed(7, task, 2, [[1, 1, 6], [9, 0, 4], [1, 2]]);
        Assert.Null(bad);
        var byField = errors.ToDictionary(e => e.Parameter, e => e.Message);
        Assert.Contains("shots = 2", byField["context"]);   // wrong count is reported besides the examples
        Assert.Contains("= 5", byField["context[0]"]);      // 2·1 + 3·1 = 5, not 6
        Assert.Contains("0..6", byField["context[1]"]);
        Assert.Contains("three tokens", byField["context[2]"]);
        Assert.Contains("shots = 1", AnalysisContext.Typed(7, task, 1, []).Errors.Single().Message);
    }
}
