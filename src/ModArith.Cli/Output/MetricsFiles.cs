using System.Globalization;
using System.Text.Json;
using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Training;

namespace ModArith.Cli.Output;

/// <summary>
/// Appends one row per evaluation to metrics.csv (scalars, the structure metrics' among them) and
/// metrics.jsonl (everything, with per-shot accuracy and the attention patterns). On resume, rows after
/// the checkpoint's step are dropped first, so a run that died between evaluations never shows a point twice.
/// </summary>
public sealed class MetricsFiles(RunDirectory dir)
{
    private static readonly EvalSet[] Sets = Enum.GetValues<EvalSet>();

    public static string CsvHeader =>
        "step,wallSeconds,learningRate,trainLoss," +
        string.Join(",", Sets.Select(Key).SelectMany(k => new[] { k + "Loss", k + "Accuracy", k + "LastShotAccuracy" })) +
        ",idCopyFreeAccuracy,oodCopyFreeAccuracy,ratioMatchingAgreement,modularRegressionAgreement,embeddingTopFrequencyShare";

    public void Create()
    {
        File.WriteAllText(dir.MetricsCsvPath, CsvHeader + "\n");
        File.WriteAllText(dir.MetricsJsonlPath, "");
    }

    public void Append(EvaluationResult r)
    {
        File.AppendAllText(dir.MetricsCsvPath, CsvRow(r) + "\n");
        File.AppendAllText(dir.MetricsJsonlPath, JsonSerializer.Serialize(r, ConfigJson.Options) + "\n");
    }

    public void TruncateAfter(int step)
    {
        var csv = File.ReadAllLines(dir.MetricsCsvPath);
        File.WriteAllLines(dir.MetricsCsvPath, csv.Take(1).Concat(csv.Skip(1).Where(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) <= step)));
        var jsonl = File.ReadAllLines(dir.MetricsJsonlPath).Where(l => l.Length > 0);
        File.WriteAllLines(dir.MetricsJsonlPath, jsonl.Where(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32() <= step));
    }

    private static string CsvRow(EvaluationResult r)
    {
        var cells = new List<string> { r.Step.ToString(CultureInfo.InvariantCulture), F(r.WallSeconds), F(r.LearningRate), F(r.TrainLoss) };
        foreach (var set in Sets)
        {
            var m = r[set];
            cells.AddRange(m is null ? ["", "", ""] : [F(m.Loss), F(m.Accuracy), F(m.LastShotAccuracy)]);
        }
        // Structure scalars (empty when structureMetrics is off); the attention patterns are in metrics.jsonl.
        var s = r.Structure;
        cells.AddRange([F(s?.IdCopyFreeAccuracy), F(s?.OodCopyFreeAccuracy), F(s?.RatioMatchingAgreement), F(s?.ModularRegressionAgreement), F(s?.EmbeddingTopFrequencyShare)]);
        return string.Join(",", cells);
    }

    private static string Key(EvalSet s) => JsonNamingPolicy.CamelCase.ConvertName(s.ToString());
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string F(double? v) => v is double d ? F(d) : "";
}
