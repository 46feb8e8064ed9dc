using ModArith.Data;

namespace ModArith.Web.Runs;

/// <summary>A run's stored evaluations and per-step points after the last ones a page has (see <see cref="RunReader.MissedAsync"/>).</summary>
public sealed record MissedPoints(List<Api.MetricDto> Evaluations, List<SeriesPoint> Logged);
