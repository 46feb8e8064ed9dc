using System.Text.Json;

namespace ModArith.Web.Sweeps;

/// <summary>A sweep in lists: its progress without its runs.</summary>
public sealed record SweepSummaryDto(int Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, int TotalRuns, int FinishedRuns, int RunningRuns);

/// <summary>A sweep with every run, each with its swept values, accuracies and phases.</summary>
public sealed record SweepDto(
    int Id, string Name, string? Description, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt,
    int TotalRuns, int FinishedRuns, int RunningRuns, JsonElement Spec, IReadOnlyList<string> SweptKeys, IReadOnlyList<SweepRunDto> Runs);

/// <summary>
/// The four accuracies (mean over shots) at one evaluation, and the copy-free accuracies of the same
/// evaluation (null without structure metrics): the context from training pairs, the query from
/// held-out pairs, so none can be answered by copying from the prompt.
/// </summary>
public sealed record AccuraciesDto(double? IdTrain, double? IdTest, double? OodTrain, double? OodTest)
{
    public double? IdCopyFree { get; init; }
    public double? OodCopyFree { get; init; }
}

/// <summary>
/// One run of a sweep. <see cref="PhaseAtBestOod"/> is read at the evaluation with the best o.o.d.
/// test accuracy (the early-stopping checkpoint), <see cref="PhaseAtEnd"/> at the latest one;
/// phases are camelCase (notLearned, idMemorization, idGeneralization, oodMemorization,
/// oodGeneralization), null before the first evaluation. <see cref="StepsPerSecond"/> is the training
/// speed of a running run (null otherwise). <see cref="Worker"/> and <see cref="Attempt"/>: which worker
/// holds (or last held) the run and on which attempt.
/// </summary>
public sealed record SweepRunDto(
    int Id, string Name, string Status, int NumTasks, double Alpha, int Depth, int Seed, int P,
    int CurrentStep, int TotalSteps, int? BestOodStep, AccuraciesDto? AtBestOod, AccuraciesDto? Final,
    string? PhaseAtBestOod, string? PhaseAtEnd, bool Transient, double? StepsPerSecond,
    string? Worker = null, int Attempt = 0);
