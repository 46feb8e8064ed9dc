using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Core.Config;
using ModArith.Core.Sweeps;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Sweeps;

/// <summary>Reads sweeps with their runs' phases, for the API and the pages.</summary>
public sealed class SweepReader(IDbContextFactory<ModArithDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    public PhaseThresholds Thresholds => options.Value.PhaseThresholds;

    public async Task<List<SweepSummaryDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sweeps = await db.Sweeps.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct);
        var statuses = (await db.Runs.AsNoTracking().Where(r => r.SweepId != null).Select(r => new { r.SweepId, r.Status }).ToListAsync(ct))
            .ToLookup(r => r.SweepId!.Value, r => r.Status);
        return sweeps.Select(s =>
        {
            var runs = statuses[s.Id].ToList();
            return new SweepSummaryDto(s.Id, s.Name, SweepStatus.Of(runs, s.CancelledAt is not null), s.CreatedAt, s.CancelledAt,
                runs.Count, runs.Count(SweepStatus.IsFinished), runs.Count(r => r == RunStatus.Running));
        }).ToList();
    }

    public async Task<SweepDto?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sweep = await db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sweep is null) return null;
        var runs = await db.Runs.AsNoTracking().Where(r => r.SweepId == id).OrderBy(r => r.Id).ToListAsync(ct);
        // The four accuracies at each run's best-o.o.d. evaluation, in one query.
        var atBest = await (from m in db.MetricPoints.AsNoTracking()
                            join r in db.Runs on m.RunId equals r.Id
                            where r.SweepId == id && m.Step == r.BestOodStep
                            select new { m.RunId, m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy })
            .ToDictionaryAsync(m => m.RunId, m => new FourAccuracies(m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy), ct);
        // The copy-free accuracies at the best-o.o.d. evaluation and at the latest one, shown beside the phase.
        var copyFreeAtBest = await (from m in db.MetricPoints.AsNoTracking()
                                    join r in db.Runs on m.RunId equals r.Id
                                    where r.SweepId == id && m.Step == r.BestOodStep
                                    select new { m.RunId, m.IdCopyFreeAccuracy, m.OodCopyFreeAccuracy })
            .ToDictionaryAsync(m => m.RunId, m => (Id: m.IdCopyFreeAccuracy, Ood: m.OodCopyFreeAccuracy), ct);
        var copyFreeAtEnd = await (from m in db.MetricPoints.AsNoTracking()
                                   join r in db.Runs on m.RunId equals r.Id
                                   where r.SweepId == id && m.Step == db.MetricPoints.Where(x => x.RunId == m.RunId).Max(x => x.Step)
                                   select new { m.RunId, m.IdCopyFreeAccuracy, m.OodCopyFreeAccuracy })
            .ToDictionaryAsync(m => m.RunId, m => (Id: m.IdCopyFreeAccuracy, Ood: m.OodCopyFreeAccuracy), ct);

        var spec = JsonDocument.Parse(sweep.SpecJson).RootElement.Clone();
        var (parsed, _) = SweepParser.Parse(System.Text.Json.Nodes.JsonNode.Parse(sweep.SpecJson));
        var statuses = runs.Select(r => r.Status).ToList();
        return new SweepDto(sweep.Id, sweep.Name, parsed?.Description, SweepStatus.Of(statuses, sweep.CancelledAt is not null), sweep.CreatedAt, sweep.CancelledAt,
            runs.Count, statuses.Count(SweepStatus.IsFinished), statuses.Count(s => s == RunStatus.Running), spec,
            parsed?.Grid.SweptKeys.ToList() ?? [],
            runs.Select(r => ToDto(r, atBest.GetValueOrDefault(r.Id), copyFreeAtBest.GetValueOrDefault(r.Id), copyFreeAtEnd.GetValueOrDefault(r.Id))).ToList());
    }

    private SweepRunDto ToDto(Run run, FourAccuracies? atBest, (double? Id, double? Ood) copyFreeAtBest, (double? Id, double? Ood) copyFreeAtEnd)
    {
        var config = ConfigJson.ReadStored(run.ConfigJson) ?? new RunConfig();
        var final = run.FinalIdTrainAccuracy is null && run.FinalOodTestAccuracy is null ? null
            : new FourAccuracies(run.FinalIdTrainAccuracy, run.FinalIdTestAccuracy, run.FinalOodTrainAccuracy, run.FinalOodTestAccuracy);
        var phases = PhaseClassifier.Classify(atBest, final, config.P, Thresholds);
        return new SweepRunDto(run.Id, run.Name, run.Status.ToString(), config.NumTasks, config.Alpha, config.Depth, config.Seed, config.P,
            run.CurrentStep, run.TotalSteps, run.BestOodStep, Dto(atBest, copyFreeAtBest), Dto(final, copyFreeAtEnd), Name(phases.AtBestOod), Name(phases.AtEnd), phases.Transient,
            run.Status == RunStatus.Running ? run.StepsPerSecond : null, run.Worker, run.Attempt);
    }

    private static AccuraciesDto? Dto(FourAccuracies? a, (double? Id, double? Ood) copyFree) =>
        a is null ? null : new(a.IdTrain, a.IdTest, a.OodTrain, a.OodTest) { IdCopyFree = copyFree.Id, OodCopyFree = copyFree.Ood };

    public static string? Name(Phase? phase) => phase is null ? null : JsonNamingPolicy.CamelCase.ConvertName(phase.Value.ToString());
}
