using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Series;

namespace ModArith.Web.Runs;

/// <summary>Reads runs for the pages (beside <see cref="Sweeps.SweepReader"/>), so components do not query the context themselves.</summary>
public sealed class RunReader(IDbContextFactory<ModArithDbContext> dbFactory, Sweeps.SweepReader sweeps, FinishedCurveCache finishedCurves)
{
    /// <summary>
    /// One page of runs: filtered, ordered and cut in the database; then, for the sweep runs on the
    /// page only, their phase at the end (their best-o.o.d. evaluation in one more query).
    /// </summary>
    public async Task<RunListPage> ListAsync(RunListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Run> runs = db.Runs.AsNoTracking();
        if (!q.IncludeArchived) runs = runs.Where(r => !r.Archived);
        if (q.Status is RunStatus status) runs = runs.Where(r => r.Status == status);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            var wrapped = "," + q.Tag.Trim() + ",";
            runs = runs.Where(r => ("," + r.Tags + ",").Contains(wrapped));
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            // LIKE is case-insensitive for ASCII in SQLite; the user's % and _ are matched literally.
            var pattern = "%" + q.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            runs = runs.Where(r => EF.Functions.Like(r.Name, pattern, "\\") || EF.Functions.Like(r.Preset ?? "", pattern, "\\") || EF.Functions.Like(r.Tags, pattern, "\\"));
        }
        int total = await runs.CountAsync(ct);
        runs = (q.SortKey, q.Descending) switch
        {
            ("name", false) => runs.OrderBy(r => r.Name).ThenBy(r => r.Id),
            ("name", true) => runs.OrderByDescending(r => r.Name).ThenByDescending(r => r.Id),
            ("status", false) => runs.OrderBy(r => r.Status).ThenBy(r => r.Id),
            ("status", true) => runs.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
            ("idTest", false) => runs.OrderBy(r => r.BestIdTestAccuracy).ThenBy(r => r.Id),
            ("idTest", true) => runs.OrderByDescending(r => r.BestIdTestAccuracy).ThenByDescending(r => r.Id),
            ("oodTest", false) => runs.OrderBy(r => r.BestOodTestAccuracy).ThenBy(r => r.Id),
            ("oodTest", true) => runs.OrderByDescending(r => r.BestOodTestAccuracy).ThenByDescending(r => r.Id),
            ("started", false) => runs.OrderBy(r => r.StartedAt).ThenBy(r => r.Id),
            ("started", true) => runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id),
            (_, false) => runs.OrderBy(r => r.Id),
            _ => runs.OrderByDescending(r => r.Id),
        };
        int pageSize = Math.Clamp(q.PageSize, 1, 500);
        int page = Math.Clamp(q.Page, 0, Math.Max(0, (total - 1) / pageSize));
        var rows = await runs.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);

        var sweepRuns = rows.Where(r => r.SweepId is not null && r.BestOodStep is not null).Select(r => r.Id).ToList();
        var atBest = (await (from m in db.MetricPoints.AsNoTracking()
                             join r in db.Runs on m.RunId equals r.Id
                             where sweepRuns.Contains(r.Id) && m.Step == r.BestOodStep
                             select new { m.RunId, m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy }).ToListAsync(ct))
            .ToDictionary(m => m.RunId, m => new ModArith.Core.Sweeps.FourAccuracies(m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy));
        return new RunListPage(rows.Select(r =>
        {
            var config = ConfigJson.ReadStored(r.ConfigJson);
            string? phase = null;
            bool transient = ModArith.Core.Sweeps.PhaseClassifier.IsTransient(r.BestOodTestAccuracy, r.FinalOodTestAccuracy, sweeps.Thresholds);
            if (r.SweepId is not null && config is not null && atBest.TryGetValue(r.Id, out var best))
            {
                var end = new ModArith.Core.Sweeps.FourAccuracies(r.FinalIdTrainAccuracy, r.FinalIdTestAccuracy, r.FinalOodTrainAccuracy, r.FinalOodTestAccuracy);
                phase = Sweeps.SweepReader.Name(ModArith.Core.Sweeps.PhaseClassifier.Classify(best, end, config.P, sweeps.Thresholds).AtEnd);
            }
            return new RunListRow(r, Summary(config), phase, transient);
        }).ToList(), total, page, pageSize);
    }

    /// <summary>Every tag in use (for the tag filter), from the runs' tag lists.</summary>
    public async Task<List<string>> TagsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lists = await db.Runs.AsNoTracking().Where(r => r.Tags != "").Select(r => r.Tags).Distinct().ToListAsync(ct);
        return lists.SelectMany(RunChanges.TagsOf).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }


    private static string Summary(RunConfig? c) => c is null ? "(config no longer valid)"
        : $"p={c.P} n_id={c.NumTasks} α={c.Alpha} depth={c.Depth} d={c.DModel} k={c.ExamplesPerSequence} steps={c.Steps}";

    /// <summary>Most runs one comparison shows.</summary>
    public const int MaxCompared = 30;

    /// <summary>
    /// The runs <paramref name="ids"/> with what their curves need, never the per-shot JSON: the runs'
    /// rows, then the evaluation scalars and packed per-step chunks of those not in
    /// <see cref="FinishedCurveCache"/> (finished runs are kept there once read, checked against the
    /// store's counts, which grouped queries answer without reading the curves).
    /// </summary>
    public async Task<CompareData> CompareAsync(IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        await finishedCurves.WarmedAsync(ids); // a read ahead of these runs (the page's prerender) fills the cache: use it, not a second read
        return await ReadCompareAsync(ids, ct);
    }

    /// <summary>
    /// Reads the finished runs among <paramref name="ids"/> into <see cref="FinishedCurveCache"/>, for a
    /// page that will ask for them shortly: Compare's prerender starts it, and the interactive page that
    /// follows once the browser has loaded the page (a few hundred ms) finds the curves read. Failures
    /// are left to that page's own read to report.
    /// </summary>
    public async Task WarmAsync(IReadOnlyList<int> ids)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = ids.Where(id => finishedCurves.BeginWarming(id, done.Task)).ToList();
        try
        {
            if (mine.Count > 0) await ReadCompareAsync(mine, CancellationToken.None, finishedOnly: true);
        }
        catch (Exception) { } // the interactive page reads again and shows what went wrong
        finally
        {
            foreach (var id in mine) finishedCurves.EndWarming(id);
            done.SetResult();
        }
    }

    /// <param name="finishedOnly">Read only the finished runs' curves (a read ahead: the others are not
    /// kept, and the page reads them itself), so a training run's rows are not read twice.</param>
    private async Task<CompareData> ReadCompareAsync(IReadOnlyList<int> ids, CancellationToken ct, bool finishedOnly = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var finished = found.Values.Where(r => Sweeps.SweepStatus.IsFinished(r.Status)).Select(r => r.Id).ToList();
        var cached = new Dictionary<int, CachedCurves>();
        if (finished.Count > 0)
        {
            var stamps = await StampsAsync(db, finished, ct);
            foreach (var id in finished)
                if (finishedCurves.TryGet(id, stamps.GetValueOrDefault(id)) is { } hit) cached[id] = hit;
        }
        var toRead = (finishedOnly ? finished : (IEnumerable<int>)found.Keys).Where(id => !cached.ContainsKey(id)).ToList();
        // Ordered as the (RunId, Step) index is, so the database reads it in order instead of sorting every row.
        var evaluations = (await db.MetricPoints.AsNoTracking().Where(m => toRead.Contains(m.RunId)).OrderBy(m => m.RunId).ThenBy(m => m.Step)
                .Select(m => new EvaluationRow(m.RunId, m.Step, m.WallSeconds, m.TrainLoss,
                    new ModArith.Core.Data.EvalSets<double?>(m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy))
                {
                    IdCopyFreeAccuracy = m.IdCopyFreeAccuracy, OodCopyFreeAccuracy = m.OodCopyFreeAccuracy, RatioMatchingAgreement = m.RatioMatchingAgreement,
                    ModularRegressionAgreement = m.ModularRegressionAgreement, EmbeddingTopFrequencyShare = m.EmbeddingTopFrequencyShare,
                })
                .ToListAsync(ct))
            .ToLookup(e => e.RunId);
        var chunks = (await db.SeriesChunks.AsNoTracking().Where(c => toRead.Contains(c.RunId)).OrderBy(c => c.RunId).ThenBy(c => c.FirstStep)
                .Select(c => new { c.RunId, c.Data }).ToListAsync(ct))
            .ToLookup(c => c.RunId, c => c.Data);

        CompareRun Curves(Run run)
        {
            var config = ConfigJson.ReadStored(run.ConfigJson) ?? new RunConfig();
            // Copies: a page appends live points to its lists, and cached arrays are shared by every page.
            if (cached.TryGetValue(run.Id, out var hit)) return new CompareRun(run, config, [.. hit.Evaluations], [.. hit.Logged]);
            var runEvaluations = evaluations[run.Id].ToList();
            var logged = chunks[run.Id].SelectMany(SeriesChunkCodec.Decode).ToList();
            if (finished.Contains(run.Id)) finishedCurves.Add(run.Id, runEvaluations, logged);
            return new CompareRun(run, config, runEvaluations, logged);
        }
        return new CompareData(ids.Where(found.ContainsKey).Select(id => Curves(found[id])).ToList(), ids.Where(id => !found.ContainsKey(id)).ToList());
    }

    /// <summary>How many evaluations (and the last step) and per-step points the store holds of each run: two grouped counts, neither reading the rows' curves.</summary>
    private static async Task<Dictionary<int, CurveStamp>> StampsAsync(ModArithDbContext db, List<int> ids, CancellationToken ct)
    {
        var evaluations = await db.MetricPoints.Where(m => ids.Contains(m.RunId)).GroupBy(m => m.RunId)
            .Select(g => new { RunId = g.Key, Count = g.Count(), Last = g.Max(m => m.Step) }).ToDictionaryAsync(g => g.RunId, ct);
        var logged = await db.SeriesChunks.Where(c => ids.Contains(c.RunId)).GroupBy(c => c.RunId)
            .Select(g => new { RunId = g.Key, Points = g.Sum(c => c.Count) }).ToDictionaryAsync(g => g.RunId, g => g.Points, ct);
        return ids.ToDictionary(id => id, id => evaluations.TryGetValue(id, out var e)
            ? new CurveStamp(e.Count, e.Last, logged.GetValueOrDefault(id))
            : new CurveStamp(0, 0, logged.GetValueOrDefault(id)));
    }

    /// <summary>A run's stored evaluations in step order (never downsampled), or null when there is no such run.</summary>
    public async Task<List<MetricPoint>?> MetricsAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        return await db.MetricPoints.AsNoTracking().Where(m => m.RunId == runId).OrderBy(m => m.Step).ToListAsync(ct);
    }

    /// <summary>The run's stored evaluation at <paramref name="step"/>, or null.</summary>
    public async Task<MetricPoint?> MetricAtAsync(int runId, int step, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MetricPoints.AsNoTracking().FirstOrDefaultAsync(m => m.RunId == runId && m.Step == step, ct);
    }

    /// <summary>A run's kept checkpoints in step order (then by kind), or null when there is no such run.</summary>
    public async Task<List<CheckpointRecord>?> CheckpointsAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        return await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Step).ThenBy(c => c.Kind).ToListAsync(ct);
    }

    /// <summary>A run's per-step curve points (every stored one, in step order), or null when there is no such run.</summary>
    public async Task<List<SeriesPoint>?> SeriesAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        return await SeriesStore.ReadAsync(db, runId, ct);
    }

    /// <summary>The name of a sweep, or null.</summary>
    public async Task<string?> SweepNameAsync(int sweepId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sweeps.Where(x => x.Id == sweepId).Select(x => x.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>A run's log lines in time order, or null when there is no such run.</summary>
    public async Task<List<Telemetry.RunLogLineDto>?> LogAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        return (await db.RunLog.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.At).ThenBy(l => l.Id).ToListAsync(ct))
            .Select(Telemetry.RunLogLineDto.From).ToList();
    }

    /// <summary>A run's samples of its training process (CPU, memory, threads) in time order, or null when there is no such run.</summary>
    public async Task<List<Telemetry.SystemSampleDto>?> SystemSamplesAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        return (await db.SystemSamples.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct))
            .Select(Telemetry.SystemSampleDto.From).ToList();
    }

    /// <summary>Every run, newest first (the API's full list; the pages use <see cref="ListAsync"/>).</summary>
    public async Task<List<Run>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct);
    }

    /// <summary>
    /// What a page that follows a run live may have missed: its stored evaluations after
    /// <paramref name="afterEvaluation"/> and per-step points after <paramref name="afterLogged"/>
    /// (read when the page subscribed, and again when the live feed comes back after an outage).
    /// </summary>
    public async Task<MissedPoints> MissedAsync(int runId, int afterEvaluation, int afterLogged, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var evaluations = await db.MetricPoints.AsNoTracking().Where(m => m.RunId == runId && m.Step > afterEvaluation).OrderBy(m => m.Step).ToListAsync(ct);
        return new(evaluations.Select(Api.MetricDto.From).ToList(), await Series.SeriesStore.ReadAfterAsync(db, runId, afterLogged, ct));
    }

    /// <summary>A run's row, or null.</summary>
    public async Task<Run?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Runs whose id or name matches <paramref name="text"/>, newest first (the comparison's "add a run" list).</summary>
    public async Task<List<(int Id, string Name)>> SearchAsync(string text, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Runs.AsNoTracking();
        text = text.Trim();
        if (text.Length > 0)
            q = int.TryParse(text.TrimStart('#'), out var id) ? q.Where(r => r.Id == id || r.Name.Contains(text)) : q.Where(r => r.Name.Contains(text));
        return (await q.OrderByDescending(r => r.Id).Take(limit).Select(r => new { r.Id, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Name)).ToList();
    }
}
