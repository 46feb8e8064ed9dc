using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// Where the dashboard listens and when it refuses to start, tried on the real process with every
/// way ASP.NET Core takes an address (command line, environment, Kestrel endpoints), as a careless
/// operator or a container would configure it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ListenerTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("modarith-listen-").FullName;

    public void Dispose()
    {
        foreach (var path in immutable) Process.Start("chattr", ["-i", path])!.WaitForExit();
        try { Directory.Delete(data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Starts the web app; returns once it exited (or was stopped after <paramref name="whileRunning"/>).</summary>
    private static async Task<(int ExitCode, string Out, string Err)> RunAsync(string[] args, Dictionary<string, string> env,
        Func<Task>? whileRunning = null)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(DashboardProcess.WebDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Not inherited from the test runner: each case sets exactly what it means to.
        foreach (var key in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" }) psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (whileRunning is not null)
        {
            try { await whileRunning(); }
            finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static void AssertRefusedWithOneClearLine((int ExitCode, string Out, string Err) result, params string[] mentions)
    {
        Assert.True(result.ExitCode != 0, $"expected a refusal; exit 0. stdout: {result.Out}");
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + result.Err);
        Assert.StartsWith("error: ", lines[0]);
        foreach (var m in mentions) Assert.Contains(m, lines[0]);
        Assert.DoesNotContain("Now listening", result.Out);
    }

    [Fact]
    public async Task Every_way_of_listening_beyond_loopback_without_a_token_refuses_to_start()
    {
        int port = DashboardProcess.FreePort();
        var dataArgs = new[] { "--Dashboard:DataDirectory", data };
        var cases = new (string[] Args, Dictionary<string, string> Env)[]
        {
            ([.. dataArgs, "--urls", $"http://0.0.0.0:{port}"], []),
            ([.. dataArgs, $"--Kestrel:Endpoints:Http:Url=http://0.0.0.0:{port}"], []),
            (dataArgs, new() { ["Kestrel__Endpoints__Http__Url"] = $"http://0.0.0.0:{port}" }),
            (dataArgs, new() { ["ASPNETCORE_URLS"] = $"http://+:{port}" }),
            (dataArgs, new() { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() }),
            ([.. dataArgs, "--urls", $"http://127.0.0.1:{port};http://[::]:{port + 1}"], []),
        };
        foreach (var (args, env) in cases)
            AssertRefusedWithOneClearLine(await RunAsync(args, env), "Dashboard:AccessToken");
    }

    [Fact]
    public async Task The_containers_settings_listen_on_every_interface_and_require_the_token()
    {
        int port = DashboardProcess.FreePort();
        // Exactly the Dockerfile's environment (its port replaced by a free one), started from a folder holding appsettings.json.
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}",
            ["Dashboard__DataDirectory"] = data,
            ["Dashboard__AccessToken"] = "container-token",
        };
        HttpStatusCode without = 0, with = 0, health = 0;
        var result = await RunAsync([], env, async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try { without = (await http.GetAsync("/api/runs")).StatusCode; break; }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
            }
            health = (await http.GetAsync("/healthz")).StatusCode; // the container's health check needs no token
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "container-token");
            with = (await http.GetAsync("/api/runs")).StatusCode;
        });
        Assert.Contains($"Now listening on: http://0.0.0.0:{port}", result.Out); // the environment won over appsettings.json
        Assert.Equal(HttpStatusCode.Unauthorized, without);
        Assert.Equal(HttpStatusCode.OK, with);
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_used_is_one_clear_line_and_a_non_zero_exit()
    {
        int port = DashboardProcess.FreePort();
        string[] Args(string dir) => ["--urls", $"http://127.0.0.1:{port}", "--Dashboard:DataDirectory", dir];

        // Cannot be created (not even root can make a folder in /proc).
        AssertRefusedWithOneClearLine(await RunAsync(Args("/proc/modarith-data"), []), "Dashboard:DataDirectory", "/proc/modarith-data");
        // A file where the folder should be.
        var file = Path.Combine(data, "a-file");
        File.WriteAllText(file, "");
        AssertRefusedWithOneClearLine(await RunAsync(Args(file), []), "Dashboard:DataDirectory", file);

        // Read-only for the user running the dashboard.
        var readOnly = Path.Combine(data, "read-only");
        Directory.CreateDirectory(readOnly);
        MakeReadOnly(readOnly);
        AssertRefusedWithOneClearLine(await RunAsync(Args(readOnly), []), "Dashboard:DataDirectory", readOnly, "not writable");

        // A writable folder holding a database file that may only be read.
        var dbReadOnly = Path.Combine(data, "db-read-only");
        Directory.CreateDirectory(dbReadOnly);
        File.WriteAllText(Path.Combine(dbReadOnly, "modarith.db"), "");
        MakeReadOnly(Path.Combine(dbReadOnly, "modarith.db"));
        AssertRefusedWithOneClearLine(await RunAsync(Args(dbReadOnly), []), "modarith.db", "cannot be opened for writing");
    }

    private readonly List<string> immutable = [];

    /// <summary>
    /// Root ignores permission bits, so as root (CI) the file or folder is made immutable
    /// (chattr +i, undone at the end), which stops root's writes too; otherwise it loses its write bits.
    /// </summary>
    private void MakeReadOnly(string path)
    {
        if (Environment.UserName == "root")
        {
            using var chattr = Process.Start("chattr", ["+i", path])!;
            chattr.WaitForExit();
            Assert.Equal(0, chattr.ExitCode);
            immutable.Add(path);
        }
        else
            File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b101_101_101 : (UnixFileMode)0b100_100_100);
    }
}
