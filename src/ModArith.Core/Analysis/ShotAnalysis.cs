using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Training;

namespace ModArith.Core.Analysis;

/// <summary>
/// Accuracy vs number of shots for i.d. and o.o.d. tasks, measured like the run's own evaluation
/// (same sampler and per-task averaging) on a chosen number of sequences per set. Both use the
/// held-out (test) pairs, the in-context generalisation question; a run without test pairs
/// (alpha = 1) falls back to the train pairs.
/// </summary>
public static class ShotAnalysis
{
    public static ShotCurves Compute(Gpt model, RunConfig config, int sequences)
    {
        using var data = new ExperimentData(config with { EvalSequences = sequences });
        var evaluator = new Evaluator(data, model.TokenEmbedding.weight!.device);
        var idSet = data.IsEmpty(EvalSet.IdTest) ? EvalSet.IdTrain : EvalSet.IdTest;
        var oodSet = data.IsEmpty(EvalSet.OodTest) ? EvalSet.OodTrain : EvalSet.OodTest;
        return new ShotCurves(Name(idSet), evaluator.Evaluate(model, idSet)?.PerShot, Name(oodSet), evaluator.Evaluate(model, oodSet)?.PerShot, sequences);
    }

    private static string Name(EvalSet set) => char.ToLowerInvariant(set.ToString()[0]) + set.ToString()[1..];
}
