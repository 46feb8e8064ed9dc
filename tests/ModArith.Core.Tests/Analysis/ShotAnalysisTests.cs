using ModArith.Core.Analysis;
using ModArith.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests.Analysis;

public class ShotAnalysisTests
{
    [Fact]
    public void Gives_one_accuracy_per_shot_for_id_and_ood_test_tasks()
    {
        var config = TinyConfigs.Tiny();
        using var model = new Gpt(ModelShape.From(config), new Generator(2));
        using var noGrad = no_grad();
        var curves = ShotAnalysis.Compute(model, config, sequences: 16);
        Assert.Equal(("idTest", "oodTest"), (curves.IdSet, curves.OodSet));
        Assert.Equal(config.ExamplesPerSequence, curves.Id!.Length);
        Assert.Equal(config.ExamplesPerSequence, curves.Ood!.Length);
        Assert.All(curves.Id.Concat(curves.Ood), a => Assert.InRange(a, 0, 1));

        var noTestPairs = ShotAnalysis.Compute(model, config with { Alpha = 1 }, sequences: 16);
        Assert.Equal(("idTrain", "oodTrain"), (noTestPairs.IdSet, noTestPairs.OodSet));
    }
}
