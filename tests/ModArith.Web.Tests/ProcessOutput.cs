using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModArith.Web.Tests;

/// <summary>
/// The lines a child process (a dashboard, a worker) writes to stdout and stderr, kept for a failing
/// test to show: the last <c>keepLast</c> of them, and every line in <c>log</c> when one is given.
/// </summary>
public sealed class ProcessOutput(int keepLast = int.MaxValue, StreamWriter? log = null)
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Starts reading the process's redirected stdout and stderr.</summary>
    public void Follow(Process process)
    {
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lines.Enqueue(line);
        while (lines.Count > keepLast) lines.TryDequeue(out _);
        if (log is not null) lock (log) log.WriteLine(line);
    }

    public override string ToString() => string.Join('\n', lines);
}
