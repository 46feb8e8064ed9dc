using System.Text.Json;
using ModArith.Data;

namespace ModArith.Web.Api;

/// <summary>A run as the API and the live push show it.</summary>
public sealed record RunDto(
    int Id, string Name, string Status, int? SweepId, string? Preset, JsonElement Config, int Seed, string? Device, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int CurrentStep, int TotalSteps, double? StepsPerSecond,
    double? BestIdTrainAccuracy, double? BestIdTestAccuracy, double? BestOodTrainAccuracy, double? BestOodTestAccuracy, int? BestOodStep,
    double? FinalIdTrainAccuracy, double? FinalIdTestAccuracy, double? FinalOodTrainAccuracy, double? FinalOodTestAccuracy, string Notes, string Tags,
    string? Worker, int Attempt)
{
    /// <summary>Hidden from the runs list unless asked for.</summary>
    public bool Archived { get; init; }

    /// <summary>The tags one by one (<see cref="Tags"/> holds them comma separated).</summary>
    public IReadOnlyList<string> TagList => ModArith.Web.Runs.RunChanges.TagsOf(Tags);

    public static RunDto From(Run r) => new(
        r.Id, r.Name, r.Status.ToString(), r.SweepId, r.Preset, JsonDocument.Parse(r.ConfigJson).RootElement.Clone(), r.Seed, r.Device, r.Error,
        r.CreatedAt, r.StartedAt, r.FinishedAt, r.CurrentStep, r.TotalSteps, r.StepsPerSecond,
        r.BestIdTrainAccuracy, r.BestIdTestAccuracy, r.BestOodTrainAccuracy, r.BestOodTestAccuracy, r.BestOodStep,
        r.FinalIdTrainAccuracy, r.FinalIdTestAccuracy, r.FinalOodTrainAccuracy, r.FinalOodTestAccuracy, r.Notes, r.Tags,
        r.Worker, r.Attempt) { Archived = r.Archived };
}

/// <summary>
/// One evaluation of a run (the `metric` event and the rows of the metrics export). The structure
/// metrics (idCopyFreeAccuracy … attention) are null in runs without them (structureMetrics off, or
/// trained before they existed) and where a probe set is empty.
/// </summary>
public sealed record MetricDto(
    int RunId, int Step, double WallSeconds, double LearningRate, double TrainLoss,
    double? IdTrainLoss, double? IdTrainAccuracy, double? IdTrainLastShotAccuracy,
    double? IdTestLoss, double? IdTestAccuracy, double? IdTestLastShotAccuracy,
    double? OodTrainLoss, double? OodTrainAccuracy, double? OodTrainLastShotAccuracy,
    double? OodTestLoss, double? OodTestAccuracy, double? OodTestLastShotAccuracy,
    JsonElement PerShot)
{
    /// <summary>When the evaluation finished on the training thread; set on live pushes only.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>i.d. tasks; the context from training pairs, the query from held-out pairs, so it cannot be copied from the prompt.</summary>
    public double? IdCopyFreeAccuracy { get; init; }
    /// <summary>Unseen (o.o.d.) tasks, measured the same copy-free way.</summary>
    public double? OodCopyFreeAccuracy { get; init; }
    /// <summary>Share of the queries ratio matching can answer (from 2-example contexts) where the model gives its answer.</summary>
    public double? RatioMatchingAgreement { get; init; }
    /// <summary>Share of the queries only modular regression can answer where the model gives its answer.</summary>
    public double? ModularRegressionAgreement { get; init; }
    /// <summary>Share of the number embeddings' non-constant DFT power (over the token index mod p) in the strongest frequency.</summary>
    public double? EmbeddingTopFrequencyShare { get; init; }
    /// <summary>Attention structure per layer and head.</summary>
    public IReadOnlyList<AttentionPatternDto>? Attention { get; init; }

    public static MetricDto From(MetricPoint m) => new(
        m.RunId, m.Step, m.WallSeconds, m.LearningRate, m.TrainLoss,
        m.IdTrainLoss, m.IdTrainAccuracy, m.IdTrainLastShotAccuracy,
        m.IdTestLoss, m.IdTestAccuracy, m.IdTestLastShotAccuracy,
        m.OodTrainLoss, m.OodTrainAccuracy, m.OodTrainLastShotAccuracy,
        m.OodTestLoss, m.OodTestAccuracy, m.OodTestLastShotAccuracy,
        JsonDocument.Parse(m.PerShotJson).RootElement.Clone())
    {
        IdCopyFreeAccuracy = m.IdCopyFreeAccuracy,
        OodCopyFreeAccuracy = m.OodCopyFreeAccuracy,
        RatioMatchingAgreement = m.RatioMatchingAgreement,
        ModularRegressionAgreement = m.ModularRegressionAgreement,
        EmbeddingTopFrequencyShare = m.EmbeddingTopFrequencyShare,
        Attention = Runs.Structure.AttentionColumn.Decode(m.AttentionJson),
    };
}

public sealed record StatusDto(int RunId, string Status, string? Message);

public sealed record ProgressDto(int RunId, int Step, int TotalSteps, double StepsPerSecond, double? EtaSeconds);

public sealed record CheckpointDto(int Id, int Step, string Kind, DateTimeOffset CreatedAt);
