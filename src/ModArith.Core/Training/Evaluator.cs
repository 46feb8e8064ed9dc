using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Training;

/// <summary>
/// Evaluates a model on the four sets. Each set draws the same sequences at every evaluation
/// (its own generator, seeded from the run's seed), so curves move only because the model does,
/// and evaluation never touches the training batch stream.
/// </summary>
public sealed class Evaluator(ExperimentData data, Device device)
{
    /// <summary>Rows per forward pass; bounds memory whatever evalSequences is.</summary>
    private const int ChunkRows = 256;

    private readonly SequenceSampler sampler = new(data);
    private readonly int examples = data.Config.ExamplesPerSequence;

    public SetMetrics? Evaluate(Gpt model, EvalSet set)
    {
        if (data.IsEmpty(set)) return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var generator = new Generator((ulong)Seeds.Derive(data.Config.Seed, Seeds.Evaluation * 16 + (int)set));
            long taskCount = data.Set(set).Tasks.shape[0];
            int total = data.Config.EvalSequences;
            var correctSums = zeros(taskCount, examples, dtype: ScalarType.Float64);   // per task, per shot
            var rowCounts = zeros(taskCount, dtype: ScalarType.Float64);
            double lossSum = 0;
            using var positions = tensor(SequenceLayout.ZPredictionPositions(examples), device: device);
            for (long first = 0; first < total; first += ChunkRows)
            {
                long count = Math.Min(ChunkRows, total - first);
                var batch = sampler.EvaluationBatch(set, first, count, generator);
                var logits = model.LogitsAt(batch.Inputs.to(device), positions);   // [n, k, p]
                var targets = batch.Targets.to(device);
                lossSum += nn.functional.cross_entropy(logits.reshape(-1, data.P), targets.reshape(-1), reduction: nn.Reduction.Sum).item<float>();
                var correct = logits.argmax(-1).eq(targets).to(ScalarType.Float64).cpu();   // [n, k]
                correctSums.index_add_(0, batch.TaskIndex, correct, 1);
                rowCounts.index_add_(0, batch.TaskIndex, ones(count, dtype: ScalarType.Float64), 1);
            }
            // Average per task first (tasks with no rows are left out), then over tasks.
            var seen = rowCounts.gt(0);
            var perTaskPerShot = correctSums.index_select(0, seen.nonzero().squeeze(1)) / rowCounts.masked_select(seen).unsqueeze(1);
            var perShot = perTaskPerShot.mean([0]).data<double>().ToArray();
            return new SetMetrics(
                Loss: lossSum / ((double)total * examples),
                Accuracy: perShot.Average(),
                LastShotAccuracy: perShot[^1],
                PerShot: perShot);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }
}
