using static TorchSharp.torch;

namespace ModArith.Core.Data;

/// <summary>
/// Draws sequences: a task per row, then k (x, y) pairs drawn independently and uniformly from
/// the set's pair split. All randomness comes from the given generator, so the stream of batches
/// is reproducible and can be resumed from the generator's saved state.
/// </summary>
public sealed class SequenceSampler(ExperimentData data)
{
    private readonly int examples = data.Config.ExamplesPerSequence;

    /// <summary>
    /// A balanced training batch from S_id_train: each i.d. task appears batchSize / n_id times.
    /// </summary>
    public SequenceBatch TrainingBatch(int batchSize, Generator generator)
    {
        var (tasks, _) = data.Set(EvalSet.IdTrain);
        long perTask = batchSize / tasks.shape[0];
        var taskIndex = arange(tasks.shape[0], dtype: ScalarType.Int64).repeat_interleave(perTask);
        return Draw(EvalSet.IdTrain, taskIndex, generator);
    }

    /// <summary>Evaluation rows for a set: task indices cycle through its tasks so they are balanced.</summary>
    public SequenceBatch EvaluationBatch(EvalSet set, long firstRow, long count, Generator generator)
    {
        var (tasks, _) = data.Set(set);
        var taskIndex = arange(firstRow, firstRow + count, dtype: ScalarType.Int64).remainder(tasks.shape[0]);
        return Draw(set, taskIndex, generator);
    }

    private SequenceBatch Draw(EvalSet set, Tensor taskIndex, Generator generator)
    {
        var (tasks, pairs) = data.Set(set);
        long n = taskIndex.shape[0];
        var pairIndex = randint(pairs.shape[0], [n, examples], dtype: ScalarType.Int64, generator: generator);
        var tokens = SequenceLayout.Build(tasks.index_select(0, taskIndex), pairs.index_select(0, pairIndex.view(-1)).view(n, examples, 2), data.P);
        return SequenceBatch.FromTokens(tokens, taskIndex);
    }
}
