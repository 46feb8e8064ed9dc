using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ModArith.Web.Tests;

/// <summary>
/// The real app in-process, with the repo root as content root (its appsettings.json and
/// wwwroot) and a fresh temporary data folder (a real SQLite file and checkpoints).
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; }

    private readonly Dictionary<string, string> settings;

    public DashboardFactory(string? dataDirectory = null, Dictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("modarith-web-").FullName;
        this.settings = settings ?? [];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot.Path);
        builder.UseSetting("Dashboard:DataDirectory", DataDirectory);
        builder.UseSetting("Dashboard:ThreadBudget", "1");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}

public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ModArithDashboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repo root not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Requests for runs small enough to finish in seconds.</summary>
public static class TinyRuns
{
    public static object Request(string name, int steps = 20, int evalEvery = 10) => new
    {
        name,
        preset = "cpu-small",
        steps,
        evalEvery,
        evalSequences = 32,
        dModel = 16,
        heads = 2,
        warmupSteps = 5,
        checkpointCount = 2,
    };

    /// <summary>A sweep of such runs over n_id × alpha (cpu-small's batch 120 suits n_id 4 and 8).</summary>
    public static object Sweep(string name, int[] numTasks, double[] alpha, int steps = 20, int evalEvery = 10) => new
    {
        name,
        @base = new { preset = "cpu-small", steps, evalEvery, evalSequences = 32, dModel = 16, heads = 2, warmupSteps = 5, checkpointCount = 2 },
        grid = new { numTasks, alpha },
    };
}
