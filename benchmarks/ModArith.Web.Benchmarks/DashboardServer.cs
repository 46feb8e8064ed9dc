using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModArith.Web.Benchmarks;

/// <summary>Starts the built dashboard (Release) as its own process on a free loopback port.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly Process process;
    public string BaseUrl { get; }
    public HttpClient Http { get; }

    private DashboardServer(string repoRoot, string dataDirectory, int port, int threadBudget, string[] extraArgs)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(repoRoot, "src", "ModArith.Web", "bin", "Release", "net10.0", "ModArith.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the dashboard first: dotnet build -c Release src/ModArith.Web", dll);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[dll, "--urls", BaseUrl, "--Dashboard:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning",
                                 "--Dashboard:ThreadBudget", threadBudget.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArgs]) psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <param name="threadBudget">The dashboard's training-thread budget; 0 = every core.</param>
    /// <param name="extraArgs">More settings, e.g. "--Dashboard:MaxConcurrentRuns", "4".</param>
    public static async Task<DashboardServer> StartAsync(string repoRoot, string dataDirectory, int threadBudget = 0, params string[] extraArgs)
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var server = new DashboardServer(repoRoot, dataDirectory, port, threadBudget, extraArgs);
        for (int i = 0; i < 240; i++)
        {
            try { if ((await server.Http.GetAsync("/api/presets")).IsSuccessStatusCode) return server; }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("dashboard did not start");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited) { process.Kill(true); await process.WaitForExitAsync(); }
        process.Dispose();
    }
}
