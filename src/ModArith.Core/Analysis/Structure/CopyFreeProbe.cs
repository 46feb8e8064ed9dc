using ModArith.Core.Tasks;

namespace ModArith.Core.Analysis.Structure;

/// <summary>
/// Probes that cannot be answered by copying: the context's examples come from training pairs
/// only, the query from held-out (test) pairs only, so the query's (x, y) never appears in its
/// prompt and was never seen in training. Answering them needs the task inferred from the context.
/// At p = 7, alpha = 0.8 the o.o.d. test set takes its context from its 10 held-out pairs, so copying
/// alone scores 0.56 there; this measure stays at chance for a model that only copies.
/// </summary>
public static class CopyFreeProbe
{
    /// <param name="shots">Examples per context (the run's k - 1: the longest context the model was trained on).</param>
    /// <param name="contextsPerTask">Contexts per task; each gets one query.</param>
    /// <param name="maxTasks">Tasks probed (evenly spread over the list when there are more).</param>
    public static IReadOnlyList<ProbeQuery> Build(IReadOnlyList<ModularTask> tasks, PairSplit pairs, int p, int shots, int contextsPerTask, int maxTasks, int seed)
    {
        if (tasks.Count == 0 || pairs.TrainPairs.Count == 0 || pairs.TestPairs.Count == 0) return [];
        var random = new Random(seed);
        var probes = new List<ProbeQuery>();
        foreach (var task in Spread(tasks, maxTasks))
            for (int c = 0; c < contextsPerTask; c++)
            {
                var context = TrainingContext(task, pairs, p, shots, random);
                var query = pairs.TestPairs[random.Next(pairs.TestPairs.Count)];
                probes.Add(new ProbeQuery(task, context, query.X, query.Y, p));
            }
        return probes;
    }

    /// <summary><paramref name="shots"/> examples of the task on training pairs drawn uniformly and independently, as training sequences are.</summary>
    public static ContextExample[] TrainingContext(ModularTask task, PairSplit pairs, int p, int shots, Random random) =>
        Enumerable.Range(0, shots).Select(_ =>
        {
            var pair = pairs.TrainPairs[random.Next(pairs.TrainPairs.Count)];
            return new ContextExample(pair.X, pair.Y, task.Apply(pair.X, pair.Y, p));
        }).ToArray();

    /// <summary>At most <paramref name="max"/> items, evenly spaced over the list.</summary>
    public static IEnumerable<T> Spread<T>(IReadOnlyList<T> items, int max)
    {
        if (items.Count <= max) return items;
        return Enumerable.Range(0, max).Select(i => items[(int)((long)i * items.Count / max)]);
    }
}
