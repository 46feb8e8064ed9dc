using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace ModArith.Web.Tests.Cluster;

/// <summary>
/// One process of the cluster as an operator starts it: a front-end (the web app in Cluster mode on
/// its own loopback port) or a worker (`ModArith.Web.dll worker`), sharing PostgreSQL, Redis and a data
/// directory. Its output is kept, so tests can read what it logged.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessOutput output;

    public string Name { get; }
    public string? BaseUrl { get; }
    public HttpClient? Http { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>Where its output is also written (inside the cluster's data folder; kept with MODARITH_KEEP_CLUSTER=1).</summary>
    public static string? LogDirectory { get; set; }

    private ClusterNode(string name, string? baseUrl, IEnumerable<string> args)
    {
        var log = LogDirectory is null ? null : new StreamWriter(Path.Combine(LogDirectory, $"{name}-{Guid.NewGuid():N}.log")) { AutoFlush = true };
        Name = name;
        BaseUrl = baseUrl;
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot.Path, "src", "ModArith.Web", "bin", configuration, "net10.0", "ModArith.Web.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Logging__LogLevel__ModArith"] = "Information";
        process = Process.Start(psi)!;
        output = new ProcessOutput(log: log);
        output.Follow(process);
        if (baseUrl is not null) Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string Output => output.ToString();

    /// <summary>Starts a front-end and waits until it answers; with <paramref name="accessToken"/>, its client presents it.</summary>
    public static async Task<ClusterNode> FrontEndAsync(string name, IEnumerable<string> settings, string? accessToken = null)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var node = new ClusterNode(name, url, new[] { "--urls", url }.Concat(settings)
            .Concat(accessToken is null ? [] : ["--Dashboard:AccessToken", accessToken]));
        if (accessToken is not null) node.Http!.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await node.Http!.GetAsync("/api/presets")).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException) { }
            if (node.process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"front-end {name} did not start (exited: {node.process.HasExited}):\n{node.Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Starts a worker and waits until its heartbeat is in the store (seen through a front-end's API).</summary>
    public static async Task<ClusterNode> WorkerAsync(string name, IEnumerable<string> settings, HttpClient frontEnd)
    {
        var node = new ClusterNode(name, null, new[] { "worker", "--Worker:Name", name }.Concat(settings));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var workers = await frontEnd.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/workers");
            if (workers.EnumerateArray().Any(w => w.GetProperty("name").GetString() == name && w.GetProperty("pid").GetInt32() == node.Pid
                                                  && w.GetProperty("state").GetString() == "alive"))
                return node;
            if (node.process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"worker {name} did not start (exited: {node.process.HasExited}):\n{node.Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Sends a signal (KILL, STOP, CONT, TERM) as an operator's `kill -SIG pid` would.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {process.Id}");
        kill.WaitForExit();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!process.HasExited)
        {
            Signal("CONT");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
