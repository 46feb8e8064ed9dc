using ModArith.Data;

namespace ModArith.Web.Runs.Telemetry;

/// <summary>
/// The training process's resource use at one moment (GET /api/runs/{id}/system and the `system` live
/// event): CPU in percent of one core (200 = two cores busy) since the previous sample, resident
/// memory in bytes, thread count, the cores it may use, and the run's step and attempt then.
/// </summary>
public sealed record SystemSampleDto(int RunId, DateTimeOffset At, int Attempt, int Step, double CpuPercent, long MemoryBytes, int Threads, int Cores)
{
    public static SystemSampleDto From(SystemSample s) => new(s.RunId, s.At, s.Attempt, s.Step, s.CpuPercent, s.MemoryBytes, s.Threads, s.Cores);
}
