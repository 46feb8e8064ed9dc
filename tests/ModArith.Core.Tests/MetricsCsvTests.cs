using ModArith.Core.Data;
using ModArith.Core.Training;

namespace ModArith.Core.Tests;

/// <summary>The one metrics CSV layout (CLI metrics.csv and the dashboard's export) and the typed four sets it is built from.</summary>
public sealed class MetricsCsvTests
{
    private static readonly EvaluationResult Evaluation = new()
    {
        Step = 300, WallSeconds = 12.5, LearningRate = 0.001, TrainLoss = 1.0 / 3,
        IdTrain = new SetMetrics(0.5, 0.9, 0.95, [0.1, 0.9]),
        IdTest = new SetMetrics(0.75, 0.8, 0.85, [0.1, 0.8]),
        OodTrain = new SetMetrics(1.5, 0.4, 0.45, [0.1, 0.4]),
        OodTest = null, // an empty set (no test pairs at alpha = 1)
    };

    [Fact]
    public void The_header_names_step_time_and_each_sets_loss_accuracy_and_last_shot_in_the_fixed_order()
    {
        Assert.Equal("step,wallSeconds,learningRate,trainLoss,"
                     + "idTrainLoss,idTrainAccuracy,idTrainLastShotAccuracy,idTestLoss,idTestAccuracy,idTestLastShotAccuracy,"
                     + "oodTrainLoss,oodTrainAccuracy,oodTrainLastShotAccuracy,oodTestLoss,oodTestAccuracy,oodTestLastShotAccuracy,"
                     + "idCopyFreeAccuracy,oodCopyFreeAccuracy,ratioMatchingAgreement,modularRegressionAgreement,embeddingTopFrequencyShare", MetricsCsv.Header);
    }

    [Fact]
    public void A_row_keeps_every_digit_or_six_as_asked_and_leaves_an_empty_sets_cells_empty()
    {
        var row = MetricsRow.From(Evaluation);
        // No structure metrics measured: their five cells are empty too.
        Assert.Equal("300,12.5,0.001,0.3333333333333333,0.5,0.9,0.95,0.75,0.8,0.85,1.5,0.4,0.45,,,,,,,,", MetricsCsv.Row(row));
        Assert.Equal("300,12.5,0.001,0.333333,0.5,0.9,0.95,0.75,0.8,0.85,1.5,0.4,0.45,,,,,,,,", MetricsCsv.Row(row, "G6"));
        var measured = row with { IdCopyFreeAccuracy = 0.25, OodCopyFreeAccuracy = 0.5, ModularRegressionAgreement = 0.75, EmbeddingTopFrequencyShare = 1.0 / 3 };
        Assert.EndsWith(",,,,0.25,0.5,,0.75,0.333333", MetricsCsv.Row(measured, "G6"));
        var file = MetricsCsv.Write([row, row with { Step = 600 }]).Split('\n');
        Assert.Equal([MetricsCsv.Header, MetricsCsv.Row(row), MetricsCsv.Row(row with { Step = 600 }), ""], file);
    }

    [Fact]
    public void The_four_sets_are_addressed_by_set_in_one_order_with_their_keys_and_labels()
    {
        var sets = EvalSets<string>.From(EvalSetNames.Key);
        Assert.Equal(["idTrain", "idTest", "oodTrain", "oodTest"], EvalSetNames.All.Select(s => sets[s]));
        Assert.Equal(["i.d. train", "i.d. test", "o.o.d. train", "o.o.d. test"], EvalSetNames.All.Select(EvalSetNames.Label));
        Assert.Equal(new EvalSets<int>(7, 6, 8, 7), sets.Select(k => k.Length));
        var scalars = MetricsRow.From(Evaluation).Sets;
        Assert.Equal(0.8, scalars[EvalSet.IdTest]!.Accuracy);
        Assert.Null(scalars[EvalSet.OodTest]);
    }
}
