using ModArith.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests;

public class SequenceTests
{
    [Fact]
    public void Sequence_is_x_y_z_triples_with_z_from_the_task()
    {
        var tasks = tensor(new long[] { 3, 5 }).view(1, 2);
        var pairs = tensor(new long[] { 1, 2, 4, 6, 0, 0 }).view(1, 3, 2);
        var tokens = SequenceLayout.Build(tasks, pairs, p: 7);
        // z = 3x + 5y mod 7: (1,2) -> 13%7=6, (4,6) -> 42%7=0, (0,0) -> 0
        Assert.Equal(new long[] { 1, 2, 6, 4, 6, 0, 0, 0, 0 }, tokens.data<long>().ToArray());
    }

    [Fact]
    public void Inputs_drop_the_last_token_and_loss_positions_are_where_the_next_token_is_z()
    {
        var tokens = arange(0, 18, dtype: ScalarType.Int64).view(1, 18); // k = 6 examples
        var batch = SequenceBatch.FromTokens(tokens, zeros(1, dtype: ScalarType.Int64));
        Assert.Equal(new long[] { 1, 17 }, batch.Inputs.shape);
        Assert.Equal(new long[] { 2, 5, 8, 11, 14, 17 }, batch.Targets.data<long>().ToArray());

        var positions = SequenceLayout.ZPredictionPositions(6);
        Assert.Equal(new long[] { 1, 4, 7, 10, 13, 16 }, positions);
        // The token after each loss position is exactly the target z.
        Assert.Equal(batch.Targets.data<long>().ToArray(), positions.Select(pos => tokens[0, pos + 1].item<long>()).ToArray());
    }

    [Fact]
    public void Training_batches_are_balanced_over_id_tasks_and_follow_each_task()
    {
        var config = TinyConfigs.Tiny() with { BatchSize = 40, NumTasks = 8 };
        using var data = new ExperimentData(config);
        using var generator = new Generator(7);
        var batch = new SequenceSampler(data).TrainingBatch(40, generator);

        var counts = batch.TaskIndex.bincount(null).data<long>().ToArray();
        Assert.Equal(Enumerable.Repeat(5L, 8), counts);

        var train = data.Pairs.TrainPairs.ToHashSet();
        var inputs = batch.Inputs.data<long>().ToArray();
        var taskIdx = batch.TaskIndex.data<long>().ToArray();
        int len = 3 * config.ExamplesPerSequence - 1;
        for (int row = 0; row < 40; row++)
        {
            var task = data.Tasks.IdTasks[(int)taskIdx[row]];
            for (int i = 0; i < config.ExamplesPerSequence; i++)
            {
                int x = (int)inputs[row * len + 3 * i], y = (int)inputs[row * len + 3 * i + 1];
                Assert.Contains(new Tasks.InputPair(x, y), train); // S_id_train draws only train pairs
                Assert.Equal(task.Apply(x, y, config.P), (int)batch.Targets[row, i].item<long>());
            }
        }
    }
}
