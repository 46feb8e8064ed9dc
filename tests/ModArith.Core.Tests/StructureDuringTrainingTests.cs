using ModArith.Core.Analysis.Structure;
using ModArith.Core.Config;
using ModArith.Core.Tasks;
using ModArith.Core.Training;

namespace ModArith.Core.Tests;

/// <summary>The structure metrics as the training loop takes them: at every evaluation, under the structureMetrics key.</summary>
public sealed class StructureDuringTrainingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("modarith-structure-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class Recorder : ITrainingObserver
    {
        public List<EvaluationResult> Evaluations { get; } = [];
        public void OnEvaluation(EvaluationResult result) => Evaluations.Add(result);
    }

    [Fact]
    public void Every_evaluation_carries_the_structure_of_the_model_at_that_step()
    {
        var config = TinyConfigs.Tiny(steps: 30);
        Assert.True(config.StructureMetrics); // on by default
        var rec = new Recorder();
        using var run = TrainingRun.Start(config, dir);
        run.Train(rec);

        Assert.Equal([10, 20, 30], rec.Evaluations.Select(e => e.Step));
        foreach (var e in rec.Evaluations)
        {
            var s = e.Structure;
            Assert.NotNull(s);
            Assert.InRange(s.IdCopyFreeAccuracy!.Value, 0, 1);
            Assert.InRange(s.OodCopyFreeAccuracy!.Value, 0, 1);
            Assert.InRange(s.RatioMatchingAgreement!.Value, 0, 1);
            Assert.InRange(s.EmbeddingTopFrequencyShare, 2.0 / (config.P - 1) - 1e-9, 1);
            // One pattern per layer and head, in order.
            Assert.Equal(Enumerable.Range(0, config.Depth).SelectMany(l => Enumerable.Range(0, config.Heads).Select(h => (l, h))),
                s.Attention.Select(a => (a.Layer, a.Head)));
            Assert.All(s.Attention, a => Assert.InRange(a.ZToOwnX + a.ZToOwnY + a.ZToEarlierX + a.ZToEarlierY + a.ZToEarlierZ, 0, 1 + 1e-9));
        }
        // The figures are the probe's on the model as it is at that step (the last evaluation is the final model),
        // with the probes fixed across evaluations: the same seed gives the same numbers.
        var expected = StructureProbe.Measure(run.Model, run.Data, seed: Seeds.Derive(config.Seed, Seeds.Structure));
        var last = rec.Evaluations[^1].Structure!;
        Assert.Equal(expected.OodCopyFreeAccuracy, last.OodCopyFreeAccuracy);
        Assert.Equal(expected.IdCopyFreeAccuracy, last.IdCopyFreeAccuracy);
        Assert.Equal(expected.ModularRegressionAgreement, last.ModularRegressionAgreement);
        Assert.Equal(expected.EmbeddingTopFrequencyShare, last.EmbeddingTopFrequencyShare, 12);
        Assert.Equal(expected.Attention[0].YToOwnX, last.Attention[0].YToOwnX, 12);
        // The embedding changes as it trains, so the share is measured afresh each time, not copied.
        Assert.NotEqual(rec.Evaluations[0].Structure!.EmbeddingTopFrequencyShare, last.EmbeddingTopFrequencyShare);
        Assert.True(run.StructureSeconds > 0);

        // The checkpoint carries the evaluation with its structure (the dashboard restores an unstored point from it).
        var header = Checkpoint.ReadHeader(Path.Combine(dir, "last.ckpt"));
        Assert.Equal(last.OodCopyFreeAccuracy, header.Evaluation!.Structure!.OodCopyFreeAccuracy);
        Assert.Equal(last.Attention.Count, header.Evaluation.Structure.Attention.Count);
    }

    [Fact]
    public void With_the_key_off_no_evaluation_measures_structure_and_the_curves_are_unchanged()
    {
        var config = TinyConfigs.Tiny(steps: 20);
        var on = new Recorder();
        using (var run = TrainingRun.Start(config)) run.Train(on);
        var off = new Recorder();
        using (var run = TrainingRun.Start(config with { StructureMetrics = false }))
        {
            run.Train(off);
            Assert.Equal(0, run.StructureSeconds);
        }
        Assert.All(off.Evaluations, e => Assert.Null(e.Structure));
        Assert.Equal(2, off.Evaluations.Count);
        // Probing never touches the training stream or the weights: the run is the same either way.
        Assert.Equal(on.Evaluations.Select(e => (e.Step, e.TrainLoss, e.OodTest!.Accuracy)), off.Evaluations.Select(e => (e.Step, e.TrainLoss, e.OodTest!.Accuracy)));
    }

    [Fact]
    public void The_key_is_a_documented_boolean_and_a_bad_value_names_it()
    {
        Assert.False(ConfigLoader.Load(overrides: ["structureMetrics=false"]).StructureMetrics);
        Assert.True(ConfigLoader.Load("{\"structureMetrics\": true}").StructureMetrics);
        Assert.True(ConfigSchema.TryGet("structureMetrics", out var field));
        Assert.Equal("boolean", field.Type);
        Assert.Equal(["true", "false"], field.AllowedValues);
        Assert.Equal("false", ConfigLoader.FormatValue(false));

        var error = Assert.Throws<InvalidConfigException>(() => ConfigLoader.Load("{\"structureMetrics\": 1}"));
        var problem = Assert.Single(error.Errors);
        Assert.Equal("structureMetrics", problem.Field);
        Assert.Contains("one of true, false", problem.Message);
    }
}
