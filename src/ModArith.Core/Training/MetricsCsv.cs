using System.Globalization;
using System.Text;
using ModArith.Core.Data;

namespace ModArith.Core.Training;

/// <summary>
/// The one metrics CSV layout, written by the CLI (metrics.csv, row by row as evaluations come) and by
/// the dashboard's export: step, wallSeconds, learningRate, trainLoss, then loss, accuracy and
/// last-shot accuracy of each set (empty cells for an empty set), then the structure metrics' scalars
/// (empty cells when the run did not measure them). Numbers use the invariant culture;
/// the format is the caller's (the export keeps every digit, "R"; the CLI six significant, "G6").
/// </summary>
public static class MetricsCsv
{
    public const string FullPrecision = "R";

    public static readonly string Header =
        "step,wallSeconds,learningRate,trainLoss," +
        string.Join(",", EvalSetNames.All.Select(EvalSetNames.Key).SelectMany(k => new[] { k + "Loss", k + "Accuracy", k + "LastShotAccuracy" })) +
        // The structure scalars (empty cells without them); the attention patterns are in the JSON forms.
        ",idCopyFreeAccuracy,oodCopyFreeAccuracy,ratioMatchingAgreement,modularRegressionAgreement,embeddingTopFrequencyShare";

    public static string Row(MetricsRow r, string numberFormat = FullPrecision)
    {
        string F(double? v) => v is double d ? d.ToString(numberFormat, CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder();
        sb.Append(r.Step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(r.WallSeconds)).Append(',').Append(F(r.LearningRate)).Append(',').Append(F(r.TrainLoss));
        foreach (var set in EvalSetNames.All)
        {
            var s = r.Sets[set];
            sb.Append(',').Append(F(s?.Loss)).Append(',').Append(F(s?.Accuracy)).Append(',').Append(F(s?.LastShotAccuracy));
        }
        foreach (var v in new[] { r.IdCopyFreeAccuracy, r.OodCopyFreeAccuracy, r.RatioMatchingAgreement, r.ModularRegressionAgreement, r.EmbeddingTopFrequencyShare })
            sb.Append(',').Append(F(v));
        return sb.ToString();
    }

    /// <summary>Header and rows, each line ending in a newline.</summary>
    public static string Write(IEnumerable<MetricsRow> rows, string numberFormat = FullPrecision)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in rows) sb.Append(Row(r, numberFormat)).Append('\n');
        return sb.ToString();
    }
}
