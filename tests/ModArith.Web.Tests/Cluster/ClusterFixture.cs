namespace ModArith.Web.Tests.Cluster;

/// <summary>
/// The cluster mode on one box, as scripts/cluster-demo.sh starts it: a real PostgreSQL and Redis,
/// two front-ends and two workers (one CPU slot each, one libtorch thread), sharing a data folder.
/// Shared by the cluster tests, which take turns; a test that kills a worker starts it again.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Short, so a dead worker's run is handed on within seconds in the tests (the default is 30 s).</summary>
    public const int InvisibilitySeconds = 10;

    public LocalPostgres Postgres { get; private set; } = null!;
    public LocalRedis Redis { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("modarith-cluster-").FullName;
    public ClusterNode FrontEndA { get; private set; } = null!;
    public ClusterNode FrontEndB { get; private set; } = null!;
    public Dictionary<string, ClusterNode> Workers { get; } = [];

    public IEnumerable<string> Settings =>
    [
        "--Dashboard:Mode", "Cluster",
        "--Dashboard:DataDirectory", DataDirectory,
        "--Dashboard:ThreadBudget", "1",
        "--ConnectionStrings:ModArith", Postgres.ConnectionString,
        "--ConnectionStrings:Redis", Redis.ConnectionString,
        "--Cluster:InvisibilityTimeoutSeconds", InvisibilitySeconds.ToString(),
        "--Cluster:WorkerHeartbeatSeconds", "2",
        "--Cluster:OrphanSweepSeconds", "2",
    ];

    public async Task InitializeAsync()
    {
        ClusterNode.LogDirectory = Directory.CreateDirectory(Path.Combine(DataDirectory, "logs")).FullName;
        Postgres = new LocalPostgres();
        Redis = new LocalRedis();
        // The first front-end creates the schema (EF migrations and Hangfire's) before anyone else starts.
        FrontEndA = await ClusterNode.FrontEndAsync("A", Settings);
        FrontEndB = await ClusterNode.FrontEndAsync("B", Settings);
        await StartWorkerAsync("w1");
        await StartWorkerAsync("w2");
    }

    public async Task<ClusterNode> StartWorkerAsync(string name)
    {
        if (Workers.TryGetValue(name, out var old)) await old.DisposeAsync();
        return Workers[name] = await ClusterNode.WorkerAsync(name, Settings, FrontEndA.Http!);
    }

    /// <summary>The last lines every node logged, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", new[] { FrontEndA, FrontEndB }.Concat(Workers.Values)
        .Select(n => $"--- {n.Name}\n" + string.Join('\n', n.Output.Split('\n').TakeLast(40))));

    /// <summary>Starts again any worker a test killed, so the next test has two.</summary>
    public async Task EnsureWorkersAsync()
    {
        foreach (var (name, node) in Workers.ToList())
            if (node.HasExited) await StartWorkerAsync(name);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Workers.Values) await node.DisposeAsync();
        if (FrontEndB is not null) await FrontEndB.DisposeAsync();
        if (FrontEndA is not null) await FrontEndA.DisposeAsync();
        Redis?.Dispose();
        Postgres?.Dispose();
        if (Environment.GetEnvironmentVariable("MODARITH_KEEP_CLUSTER") != "1")
        {
            try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
