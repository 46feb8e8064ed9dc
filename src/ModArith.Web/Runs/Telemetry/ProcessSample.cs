namespace ModArith.Web.Runs.Telemetry;

/// <summary>The training process's resource use at <see cref="At"/>, while the run was at <see cref="Step"/>.</summary>
public sealed record ProcessSample(DateTimeOffset At, int Step, double CpuPercent, long MemoryBytes, int Threads, int Cores);
