using System.Globalization;

namespace ModArith.Core.Training;

/// <summary>
/// The one per-step curve CSV layout (logged every logEvery steps), written by the CLI (series.csv) and
/// by the dashboard's export: step, trainLoss (mean since the previous point), learningRate, gradNorm.
/// Values are kept as 32-bit floats, as the dashboard stores them, each written with every digit;
/// a value that is not a finite number (a diverged loss) is an empty cell.
/// </summary>
public static class SeriesCsv
{
    public const string Header = "step,trainLoss,learningRate,gradNorm";

    public static string Row(int step, float trainLoss, float learningRate, float gradNorm) =>
        string.Create(CultureInfo.InvariantCulture, $"{step},{F(trainLoss)},{F(learningRate)},{F(gradNorm)}");

    public static string Row(TrainingLogPoint p) => Row(p.Step, (float)p.TrainLoss, (float)p.LearningRate, (float)p.GradNorm);

    private static string F(float v) => float.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
