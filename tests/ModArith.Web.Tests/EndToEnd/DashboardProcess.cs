using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// The dashboard as a user starts it: its own process on a free loopback port, against a fresh
/// data folder (real SQLite file, real checkpoints).
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process process;
    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public HttpClient Http { get; }

    /// <summary>The built web app (same configuration as the tests).</summary>
    public static string WebDll { get; } = Path.Combine(RepoRoot.Path, "src", "ModArith.Web", "bin",
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "ModArith.Web.dll");

    private DashboardProcess(int port, string? dataDirectory)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("modarith-e2e-").FullName;
        BaseUrl = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { WebDll, "--urls", BaseUrl, "--Dashboard:DataDirectory", DataDirectory, "--Dashboard:ThreadBudget", "1" }) psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
        output.Follow(process);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>The dashboard's last 300 lines of output, for a failing test to show.</summary>
    private readonly ProcessOutput output = new(keepLast: 300);

    /// <summary>The dashboard's last lines of output (its log: warnings, errors, a circuit's failure).</summary>
    public string Output => output.ToString();

    /// <param name="seed">writes rows into the data folder's database (migrated first) before the dashboard starts</param>
    public static async Task<DashboardProcess> StartAsync(Func<ModArith.Data.ModArithDbContext, Task>? seed = null)
    {
        string? dataDirectory = null;
        if (seed is not null)
        {
            dataDirectory = Directory.CreateTempSubdirectory("modarith-e2e-").FullName;
            var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ModArith.Data.ModArithDbContext>();
            ModArith.Data.SqliteSetup.UseModArithSqlite(builder, $"Data Source={Path.Combine(dataDirectory, "modarith.db")}");
            await using (var db = new ModArith.Data.ModArithDbContext(builder.Options))
            {
                await ModArith.Data.SqliteSetup.MigrateAndEnableWalAsync(db);
                await seed(db);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        var app = new DashboardProcess(FreePort(), dataDirectory);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await app.Http.GetAsync("/api/presets")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            if (app.process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"dashboard did not start (exited: {app.process.HasExited})");
            await Task.Delay(250);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
