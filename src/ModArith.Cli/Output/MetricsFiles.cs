using System.Globalization;
using System.Text.Json;
using ModArith.Core.Config;
using ModArith.Core.Training;

namespace ModArith.Cli.Output;

/// <summary>
/// Appends one row per evaluation to metrics.csv (scalars, the structure metrics' among them) and
/// metrics.jsonl (everything, with per-shot accuracy and the attention patterns), and one row per logged step (every logEvery) to series.csv. On resume, rows
/// after the checkpoint's step are dropped first, so a run that died between evaluations never shows
/// a point twice.
/// </summary>
public sealed class MetricsFiles(RunDirectory dir)
{
    /// <summary>Six significant digits, as metrics.csv always had (metrics.jsonl keeps every digit).</summary>
    private const string NumberFormat = "G6";

    public static string CsvHeader => MetricsCsv.Header;

    public void Create()
    {
        File.WriteAllText(dir.MetricsCsvPath, CsvHeader + "\n");
        File.WriteAllText(dir.MetricsJsonlPath, "");
        File.WriteAllText(dir.SeriesCsvPath, SeriesCsv.Header + "\n");
    }

    public void AppendLog(TrainingLogPoint point) => File.AppendAllText(dir.SeriesCsvPath, SeriesCsv.Row(point) + "\n");

    public void Append(EvaluationResult r)
    {
        File.AppendAllText(dir.MetricsCsvPath, MetricsCsv.Row(MetricsRow.From(r), NumberFormat) + "\n");
        File.AppendAllText(dir.MetricsJsonlPath, JsonSerializer.Serialize(r, ConfigJson.Options) + "\n");
    }

    public void TruncateAfter(int step)
    {
        var csv = File.ReadAllLines(dir.MetricsCsvPath);
        File.WriteAllLines(dir.MetricsCsvPath, csv.Take(1).Concat(csv.Skip(1).Where(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) <= step)));
        var jsonl = File.ReadAllLines(dir.MetricsJsonlPath).Where(l => l.Length > 0);
        File.WriteAllLines(dir.MetricsJsonlPath, jsonl.Where(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32() <= step));
        // Runs written before per-step curves have no series.csv: start one.
        var series = File.Exists(dir.SeriesCsvPath) ? File.ReadAllLines(dir.SeriesCsvPath) : [SeriesCsv.Header];
        File.WriteAllLines(dir.SeriesCsvPath, series.Take(1).Concat(series.Skip(1).Where(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) <= step)));
    }
}
