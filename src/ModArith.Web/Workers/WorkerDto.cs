namespace ModArith.Web.Workers;

/// <summary>A worker as GET /api/workers and the Workers page show it.</summary>
public sealed record WorkerDto(
    string Name, string Host, int Pid, string[] Devices, int Slots, int[] Runs,
    DateTimeOffset StartedAt, DateTimeOffset LastHeartbeatAt, DateTimeOffset? StoppedAt, string Version, string State);
