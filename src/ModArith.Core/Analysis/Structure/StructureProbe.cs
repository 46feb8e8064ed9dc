using ModArith.Core.Data;
using ModArith.Core.Model;
using static TorchSharp.torch;

namespace ModArith.Core.Analysis.Structure;

/// <summary>
/// The structure metrics of a model at one evaluation: copy-free accuracy on i.d. and unseen tasks,
/// agreement with the two in-context algorithms, attention patterns per head, and the embedding's
/// frequency structure. Probes are drawn from a fixed seed, so successive evaluations of a run see
/// the same probes and a change is the model's.
/// </summary>
public static class StructureProbe
{
    /// <summary>How much to probe: enough tasks and contexts for a stable number, little enough to cost a few percent of a run.</summary>
    public sealed record Budget(int MaxTasks = 32, int ContextsPerTask = 4, int AgreementShots = 2, int AgreementContextsPerTask = 2, int AgreementQueries = 49);

    public static StructureMetrics Measure(Gpt model, ExperimentData data, Budget? budget = null, int seed = 0)
    {
        budget ??= new Budget();
        var config = data.Config;
        int p = config.P, shots = config.ExamplesPerSequence - 1;
        var idProbes = CopyFreeProbe.Build(data.Tasks.IdTasks, data.Pairs, p, shots, budget.ContextsPerTask, budget.MaxTasks, seed);
        var oodProbes = CopyFreeProbe.Build(data.Tasks.OodTasks, data.Pairs, p, shots, budget.ContextsPerTask, budget.MaxTasks, seed + 1);
        var agreementProbes = AlgorithmAgreement.Build(data.Tasks.OodTasks.Count > 0 ? data.Tasks.OodTasks : data.Tasks.IdTasks, data.Pairs, p,
            budget.AgreementShots, budget.AgreementContextsPerTask, budget.MaxTasks, budget.AgreementQueries, seed + 2);

        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var (idAnswers, _) = Answer(model, idProbes, captureAttention: false);
            var (oodAnswers, attention) = Answer(model, oodProbes, captureAttention: true);
            var (agreementAnswers, _) = Answer(model, agreementProbes, captureAttention: false);
            var (rm, mr) = AlgorithmAgreement.Score(agreementProbes, agreementAnswers);
            var embedding = model.TokenEmbedding.weight![..p].to(ScalarType.Float32).cpu();
            var rows = Enumerable.Range(0, p).Select(t => embedding[t].data<float>().ToArray()).ToArray();
            return new StructureMetrics(Accuracy(idProbes, idAnswers), Accuracy(oodProbes, oodAnswers), rm, mr,
                EmbeddingStructure.TopFrequencyShare(rows, p), attention);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>The model's answer (argmax at the query's y) to each probe; probes of one length go in one batch.</summary>
    private static (int[] Answers, IReadOnlyList<AttentionPattern> Attention) Answer(Gpt model, IReadOnlyList<ProbeQuery> probes, bool captureAttention)
    {
        var answers = new int[probes.Count];
        var attention = new List<AttentionPattern>();
        if (probes.Count == 0) return (answers, attention);
        var device = model.TokenEmbedding.weight!.device;
        var blocks = model.Blocks;
        try
        {
            foreach (var b in blocks) b.Attention.CaptureAttention = captureAttention;
            foreach (var group in probes.Select((probe, i) => (probe, i)).GroupBy(x => x.probe.Context.Count))
            {
                var rows = group.ToArray();
                var flat = rows.SelectMany(r => r.probe.Tokens()).ToArray();
                var tokens = tensor(flat, dtype: ScalarType.Int64).view(rows.Length, -1).to(device);
                var predicted = model.LogitsAt(tokens, tensor(new long[] { tokens.shape[1] - 1 }, device: device)).argmax(-1).view(-1).cpu().data<long>().ToArray();
                for (int j = 0; j < rows.Length; j++) answers[rows[j].i] = (int)predicted[j];
                if (captureAttention)
                    for (int layer = 0; layer < blocks.Count; layer++)
                        attention.AddRange(AttentionStructure.Summarise(layer, blocks[layer].Attention.CapturedAttention!));
            }
        }
        finally
        {
            foreach (var b in blocks) b.Attention.CaptureAttention = false;
        }
        return (answers, attention);
    }

    private static double? Accuracy(IReadOnlyList<ProbeQuery> probes, int[] answers) =>
        probes.Count == 0 ? null : probes.Where((probe, i) => answers[i] == probe.Answer).Count() / (double)probes.Count;
}
