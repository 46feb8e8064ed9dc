using ModArith.Core.Config;
using ModArith.Data;

namespace ModArith.Web.Runs;

/// <summary>One run as the comparison draws it: the run, its config, its evaluations and its per-step training loss.</summary>
public sealed class CompareRun(Run run, RunConfig config, List<EvaluationRow> evaluations, List<SeriesPoint> logged)
{
    public Run Run { get; set; } = run;
    public RunConfig Config { get; } = config;
    public List<EvaluationRow> Evaluations { get; } = evaluations;
    public List<SeriesPoint> Logged { get; } = logged;
    public string Label => $"#{Run.Id} {Run.Name}";
}

/// <summary>What the comparison asked for: the runs found, in the order asked, and the ids that match no run.</summary>
public sealed record CompareData(List<CompareRun> Runs, List<int> Missing);
