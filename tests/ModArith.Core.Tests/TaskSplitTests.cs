using ModArith.Core.Config;
using ModArith.Core.Tasks;

namespace ModArith.Core.Tests;

public class TaskSplitTests
{
    [Theory]
    [InlineData(29, 8)]
    [InlineData(29, 128)]
    [InlineData(29, 512)]
    [InlineData(11, 40)]
    public void Rectangle_rule_yields_exactly_n_id_distinct_tasks_in_whole_rectangles(int p, int numTasks)
    {
        var split = TaskSplit.Create(p, TaskSplitRule.Rectangle, numTasks, 256, seed: 3);

        Assert.Equal(numTasks, split.IdTasks.Count);
        Assert.Equal(numTasks, split.IdTasks.Distinct().Count());
        for (int r = 0; r < numTasks / 4; r++)
        {
            var c = split.IdTasks.Skip(4 * r).Take(4).ToArray();
            // (a, b), (a, y'), (x', b), (x', y') with x' ∉ {a, b}, y' ∉ {a, b, x'}
            var (a, b, x, y) = (c[0].A, c[0].B, c[2].A, c[1].B);
            Assert.Equal(new ModularTask(a, y), c[1]);
            Assert.Equal(new ModularTask(x, b), c[2]);
            Assert.Equal(new ModularTask(x, y), c[3]);
            Assert.DoesNotContain(x, new[] { a, b });
            Assert.DoesNotContain(y, new[] { a, b, x });
        }
    }

    [Fact]
    public void Random_rule_yields_n_id_distinct_tasks()
    {
        var split = TaskSplit.Create(29, TaskSplitRule.Random, 37, 256, seed: 1);
        Assert.Equal(37, split.IdTasks.Distinct().Count());
    }

    [Theory]
    [InlineData(TaskSplitRule.Rectangle, 64, 256, 256)]
    [InlineData(TaskSplitRule.Random, 800, 256, 41)]
    public void Ood_tasks_are_the_shuffled_complement_capped(TaskSplitRule rule, int numTasks, int cap, int expectedOod)
    {
        var split = TaskSplit.Create(29, rule, numTasks, cap, seed: 0);
        Assert.Equal(expectedOod, split.OodTasks.Count);
        Assert.Empty(split.IdTasks.Intersect(split.OodTasks));
        Assert.Equal(split.OodTasks.Count, split.OodTasks.Distinct().Count());
    }

    [Fact]
    public void Same_seed_same_tasks_other_seed_other_tasks()
    {
        var a = TaskSplit.Create(29, TaskSplitRule.Rectangle, 64, 256, seed: 5);
        var b = TaskSplit.Create(29, TaskSplitRule.Rectangle, 64, 256, seed: 5);
        var c = TaskSplit.Create(29, TaskSplitRule.Rectangle, 64, 256, seed: 6);
        Assert.Equal(a.IdTasks, b.IdTasks);
        Assert.Equal(a.OodTasks, b.OodTasks);
        Assert.NotEqual(a.IdTasks, c.IdTasks);
    }

    [Theory]
    [InlineData(0.2, 168)]
    [InlineData(0.3, 252)]
    [InlineData(0.4, 336)]
    [InlineData(0.5, 420)]
    [InlineData(0.6, 505)]
    [InlineData(0.7, 589)]
    [InlineData(0.8, 673)]
    public void Alpha_split_keeps_round_alpha_p_squared_train_pairs_as_in_the_paper(double alpha, int expectedTrain)
    {
        var split = PairSplit.Create(29, alpha, seed: 0);
        Assert.Equal(expectedTrain, split.TrainPairs.Count);
        Assert.Equal(841 - expectedTrain, split.TestPairs.Count);
        var all = split.TrainPairs.Concat(split.TestPairs).ToHashSet();
        Assert.Equal(841, all.Count); // disjoint and covering every (x, y)
    }

    [Fact]
    public void Primes_are_recognised()
    {
        Assert.Equal([2, 3, 5, 7, 11, 13, 17, 19, 23, 29], Enumerable.Range(0, 30).Where(Primes.IsPrime));
        Assert.False(Primes.IsPrime(841));
        Assert.True(Primes.IsPrime(47));
    }
}
