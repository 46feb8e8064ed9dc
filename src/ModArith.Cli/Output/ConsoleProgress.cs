using ModArith.Core.Training;
using Spectre.Console;

namespace ModArith.Cli.Output;

/// <summary>
/// Shows training on the terminal: a progress bar with steps/s, ETA, loss and the latest
/// accuracies, plus one log line per evaluation (which also reads well in a non-interactive log).
/// Writes metrics files as evaluations arrive, and the per-step curves as they are logged.
/// </summary>
public sealed class ConsoleProgress(ProgressTask bar, MetricsFiles metrics) : ITrainingObserver
{
    private string latest = "no evaluation yet";

    public void OnStarted(TrainingStarted info)
    {
        bar.MaxValue = info.TotalSteps;
        bar.Value = info.StartStep;
        AnsiConsole.MarkupLine($"[grey]device {info.Device}, {info.Parameters:N0} parameters, {info.IdTasks} i.d. / {info.OodTasks} o.o.d. tasks, {info.TrainPairs} train / {info.TestPairs} test pairs, from step {info.StartStep} to {info.TotalSteps}[/]");
    }

    public void OnStep(StepProgress p)
    {
        bar.Value = p.Step;
        var eta = double.IsFinite(p.EtaSeconds) ? TimeSpan.FromSeconds(Math.Round(p.EtaSeconds)).ToString() : "?";
        bar.Description = Markup.Escape($"step {p.Step}/{p.TotalSteps}  {p.StepsPerSecond:F1} steps/s  ETA {eta}  loss {p.Loss:F3}  {latest}");
    }

    public void OnLog(TrainingLogPoint point) => metrics.AppendLog(point);

    public void OnEvaluation(EvaluationResult r)
    {
        metrics.Append(r);
        latest = $"id {Pct(r.IdTrain?.Accuracy)}/{Pct(r.IdTest?.Accuracy)} ood {Pct(r.OodTrain?.Accuracy)}/{Pct(r.OodTest?.Accuracy)}";
        AnsiConsole.MarkupLine(Markup.Escape(
            $"step {r.Step,7}  loss {r.TrainLoss:F4}  acc (mean|last-shot)  id-train {Pct(r.IdTrain?.Accuracy)}|{Pct(r.IdTrain?.LastShotAccuracy)}  " +
            $"id-test {Pct(r.IdTest?.Accuracy)}|{Pct(r.IdTest?.LastShotAccuracy)}  ood-train {Pct(r.OodTrain?.Accuracy)}|{Pct(r.OodTrain?.LastShotAccuracy)}  " +
            $"ood-test {Pct(r.OodTest?.Accuracy)}|{Pct(r.OodTest?.LastShotAccuracy)}  ({r.WallSeconds:F0}s)"));
    }

    private static string Pct(double? v) => v is null ? "  -  " : $"{100 * v:F1}%";
}
