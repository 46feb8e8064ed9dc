using System.Diagnostics;

namespace ModArith.Web.Tests.Cluster;

/// <summary>A real Redis (Debian's redis-server, installed by test.sh) on a free loopback port, data in a temp folder.</summary>
public sealed class LocalRedis : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("modarith-redis-").FullName;
    public int Port { get; } = FreePorts.Next();
    public string ConnectionString => $"127.0.0.1:{Port}";

    public LocalRedis()
    {
        Run("redis-server", "--port", Port.ToString(), "--bind", "127.0.0.1", "--daemonize", "yes", "--dir", root,
            "--pidfile", Path.Combine(root, "redis.pid"), "--logfile", Path.Combine(root, "redis.log"), "--save", "");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Ping() != "PONG")
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("redis-server did not answer");
            Thread.Sleep(50);
        }
    }

    private string Ping()
    {
        try { return Run("redis-cli", "-p", Port.ToString(), "ping").Trim(); }
        catch (InvalidOperationException) { return ""; }
    }

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }

    public void Dispose()
    {
        try { Run("redis-cli", "-p", Port.ToString(), "shutdown", "nosave"); } catch (InvalidOperationException) { }
        try { Directory.Delete(root, true); } catch (IOException) { }
    }
}
