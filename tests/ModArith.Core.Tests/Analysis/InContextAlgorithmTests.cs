using ModArith.Core.Analysis;
using ModArith.Core.Tasks;

namespace ModArith.Core.Tests.Analysis;

public class InContextAlgorithmTests
{
    private static ContextExample Ex(ModularTask task, int x, int y, int p) => new(x, y, task.Apply(x, y, p));

    private static int Covered(Func<IReadOnlyList<ContextExample>, int, int, int, int?> algorithm, IReadOnlyList<ContextExample> context, int p) =>
        Enumerable.Range(0, p * p).Count(i => algorithm(context, i / p, i % p, p) is not null);

    [Fact]
    public void Inverses_and_ranks_over_Z_p_are_exact()
    {
        Assert.Equal(5, ModularLinearAlgebra.Inverse(3, 7));      // 3·5 = 15 ≡ 1
        Assert.Equal(1, ModularLinearAlgebra.Inverse(1, 2));
        Assert.Equal(6, ModularLinearAlgebra.Mod(-1, 7));
        Assert.Throws<DivideByZeroException>(() => ModularLinearAlgebra.Inverse(14, 7));
        Assert.Equal(1, ModularLinearAlgebra.Rank([[1, 2], [2, 4], [3, 6]], 7));   // collinear over Z_7
        Assert.Equal(2, ModularLinearAlgebra.Rank([[1, 2], [2, 5]], 7));
        Assert.Equal(1, ModularLinearAlgebra.Rank([[1, 1], [3, 3]], 2));   // (3, 3) ≡ (1, 1) mod 2
        Assert.Equal(0, ModularLinearAlgebra.Rank([[0, 0], [7, 14]], 7));
    }

    [Fact]
    public void Ratio_matching_answers_multiples_of_one_example_only()
    {
        int p = 7;
        var task = new ModularTask(3, 4);
        ContextExample[] context = [Ex(task, 1, 2, p)];   // z = 3 + 8 = 11 ≡ 4
        Assert.Equal(4, context[0].Z);
        Assert.Equal(1, RatioMatching.Answer(context, 2, 4, p));   // 2·(1,2): 2·4 = 8 ≡ 1, and 3·2 + 4·4 = 22 ≡ 1
        Assert.Equal(5, RatioMatching.Answer(context, 3, 6, p));   // 3·(1,2): 12 ≡ 5
        Assert.Null(RatioMatching.Answer(context, 1, 3, p));
        Assert.Equal(0, RatioMatching.Answer(context, 0, 0, p));   // c = 0
        Assert.Equal(p, Covered(RatioMatching.Answer, context, p)); // the whole line through (1, 2), origin included
    }

    [Fact]
    public void Modular_regression_answers_sums_that_ratio_matching_cannot()
    {
        int p = 7;
        var task = new ModularTask(2, 5);
        ContextExample[] context = [Ex(task, 1, 2, p), Ex(task, 3, 1, p)];
        // (4, 3) = (1, 2) + (3, 1), but is a multiple of neither.
        Assert.Null(RatioMatching.Answer(context, 4, 3, p));
        Assert.Equal(ModularLinearAlgebra.Mod(context[0].Z + context[1].Z, p), ModularRegression.Answer(context, 4, 3, p));
        Assert.Equal(task.Apply(4, 3, p), ModularRegression.Answer(context, 4, 3, p));
        Assert.Equal(2, ModularRegression.Rank(context, p));
        Assert.Equal(p * p, Covered(ModularRegression.Answer, context, p));   // two independent examples span Z_7²
        Assert.Equal(2 * p - 1, Covered(RatioMatching.Answer, context, p));   // two lines sharing the origin
    }

    [Fact]
    public void Degenerate_contexts_span_only_their_line_or_the_origin()
    {
        int p = 7;
        var task = new ModularTask(1, 1);
        ContextExample[] repeated = [Ex(task, 1, 2, p), Ex(task, 1, 2, p), Ex(task, 2, 4, p)];   // same line three times
        Assert.Equal(1, ModularRegression.Rank(repeated, p));
        Assert.Equal(p, Covered(ModularRegression.Answer, repeated, p));
        Assert.Equal(p, Covered(RatioMatching.Answer, repeated, p));
        Assert.Null(ModularRegression.Answer(repeated, 1, 0, p));

        ContextExample[] zero = [new(0, 0, 0)];
        Assert.Equal(0, ModularRegression.Rank(zero, p));
        Assert.Equal(1, Covered(ModularRegression.Answer, zero, p));
        Assert.Equal(1, Covered(RatioMatching.Answer, zero, p));
        Assert.Equal(0, RatioMatching.Answer(zero, 0, 0, p));
        Assert.Null(RatioMatching.Answer(zero, 3, 0, p));

        // No examples: regression still "answers" (0, 0) with the empty sum; ratio matching needs an example.
        Assert.Equal(0, ModularRegression.Answer([], 0, 0, p));
        Assert.Null(RatioMatching.Answer([], 0, 0, p));
        Assert.Null(ModularRegression.Answer([], 1, 0, p));
    }

    [Fact]
    public void Smallest_primes_behave()
    {
        // p = 2: (1, 1) and (1, 0) span everything; (1, 1) alone covers only itself and the origin.
        var task = new ModularTask(1, 0);
        ContextExample[] one = [Ex(task, 1, 1, 2)];
        Assert.Equal(1, RatioMatching.Answer(one, 1, 1, 2));
        Assert.Null(RatioMatching.Answer(one, 1, 0, 2));
        Assert.Equal(2, Covered(ModularRegression.Answer, one, 2));
        ContextExample[] two = [Ex(task, 1, 1, 2), Ex(task, 1, 0, 2)];
        Assert.Equal(4, Covered(ModularRegression.Answer, two, 2));
        Assert.Equal(task.Apply(0, 1, 2), ModularRegression.Answer(two, 0, 1, 2));
        // p = 3: (1, 2) and (2, 1) are collinear (2·(1, 2) = (2, 4) ≡ (2, 1)).
        ContextExample[] collinear = [Ex(new ModularTask(1, 2), 1, 2, 3), Ex(new ModularTask(1, 2), 2, 1, 3)];
        Assert.Equal(1, ModularRegression.Rank(collinear, 3));
        Assert.Equal(3, Covered(ModularRegression.Answer, collinear, 3));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(11)]
    public void Every_answer_either_algorithm_gives_is_the_tasks_answer(int p)
    {
        var rng = new Random(p);
        for (int trial = 0; trial < 40; trial++)
        {
            var task = new ModularTask(rng.Next(p), rng.Next(p));
            var context = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Ex(task, rng.Next(p), rng.Next(p), p)).ToArray();
            int rank = ModularRegression.Rank(context, p);
            for (int x = 0; x < p; x++)
                for (int y = 0; y < p; y++)
                {
                    int? ratio = RatioMatching.Answer(context, x, y, p), regression = ModularRegression.Answer(context, x, y, p);
                    if (ratio is int r) Assert.Equal(task.Apply(x, y, p), r);
                    if (regression is int g) Assert.Equal(task.Apply(x, y, p), g);
                    if (ratio is not null) Assert.NotNull(regression);   // a multiple is a combination
                    if (rank == 2) Assert.NotNull(regression);
                }
        }
    }
}
