using ModArith.Core.Tasks;

namespace ModArith.Core.Analysis.Structure;

/// <summary>
/// The paper's algorithmic shift, measured: short contexts (two examples) and queries over the
/// whole grid, split by which of the two in-context algorithms could answer them. Ratio matching
/// answers a query on the line through one example; modular regression answers any query the
/// examples span. On queries ratio matching covers, a model doing either scores; on those only
/// modular regression covers, only a model that combines examples does.
/// </summary>
public static class AlgorithmAgreement
{
    /// <summary>Contexts of <paramref name="shots"/> training-pair examples, each with up to <paramref name="queriesPerContext"/> queries from the p² grid.</summary>
    public static IReadOnlyList<ProbeQuery> Build(IReadOnlyList<ModularTask> tasks, PairSplit pairs, int p, int shots, int contextsPerTask, int maxTasks, int queriesPerContext, int seed)
    {
        if (tasks.Count == 0 || pairs.TrainPairs.Count == 0) return [];
        var random = new Random(seed);
        var grid = Enumerable.Range(0, p * p).Select(i => (X: i / p, Y: i % p)).ToArray();
        var probes = new List<ProbeQuery>();
        foreach (var task in CopyFreeProbe.Spread(tasks, maxTasks))
            for (int c = 0; c < contextsPerTask; c++)
            {
                var context = CopyFreeProbe.TrainingContext(task, pairs, p, shots, random);
                var queries = grid.Length <= queriesPerContext ? grid : grid.OrderBy(_ => random.Next()).Take(queriesPerContext);
                probes.AddRange(queries.Select(q => new ProbeQuery(task, context, q.X, q.Y, p)));
            }
        return probes;
    }

    /// <summary>
    /// How often <paramref name="answers"/> (the model's, one per probe) equal each algorithm's answer:
    /// ratio matching over the queries it covers, modular regression over those only it covers.
    /// Null where a set of queries is empty.
    /// </summary>
    public static (double? RatioMatching, double? ModularRegression) Score(IReadOnlyList<ProbeQuery> probes, IReadOnlyList<int> answers)
    {
        int rmCovered = 0, rmAgree = 0, mrOnly = 0, mrAgree = 0;
        for (int i = 0; i < probes.Count; i++)
        {
            var probe = probes[i];
            var rm = RatioMatching.Answer(probe.Context, probe.X, probe.Y, probe.P);
            if (rm is int r)
            {
                rmCovered++;
                if (answers[i] == r) rmAgree++;
                continue;
            }
            if (ModularRegression.Answer(probe.Context, probe.X, probe.Y, probe.P) is int m)
            {
                mrOnly++;
                if (answers[i] == m) mrAgree++;
            }
        }
        return (rmCovered == 0 ? null : rmAgree / (double)rmCovered, mrOnly == 0 ? null : mrAgree / (double)mrOnly);
    }
}
