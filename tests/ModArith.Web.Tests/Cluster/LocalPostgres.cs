using System.Diagnostics;

namespace ModArith.Web.Tests.Cluster;

/// <summary>
/// A real PostgreSQL (Debian's postgresql 15, installed by test.sh) on a free loopback port with its
/// data in a temp folder; initdb and pg_ctl run as the postgres user when the tests run as root
/// (initdb refuses root). Can be restarted mid-test.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string root = Directory.CreateTempSubdirectory("modarith-pg-").FullName;
    private string DataDirectory => Path.Combine(root, "data");
    public int Port { get; } = FreePorts.Next();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=modarith;Timeout=5;Command Timeout=30";

    public LocalPostgres()
    {
        // The postgres user must write the folder (its socket and log live there too).
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        Run($"{Bin}/initdb", "-D", DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync");
        Start();
    }

    public void Start() => Run($"{Bin}/pg_ctl", "-D", DataDirectory, "-l", Path.Combine(root, "log.txt"), "-w", "-t", "30",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {root} -c fsync=off", "start");

    public void Stop() => Run($"{Bin}/pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    private static void Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.UserName == "root" ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.UserName == "root")
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error} {output.Result}");
    }

    public void Dispose()
    {
        try { Stop(); } catch (InvalidOperationException) { }
        try { Directory.Delete(root, true); } catch (IOException) { }
    }
}
