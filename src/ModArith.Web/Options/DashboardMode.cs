namespace ModArith.Web.Options;

/// <summary>How the dashboard is deployed (Dashboard:Mode). The modes differ only in which implementations are registered.</summary>
public enum DashboardMode
{
    /// <summary>One process: SQLite, an in-process queue and training threads, live events in-process.</summary>
    Embedded,

    /// <summary>Front-ends and worker processes: PostgreSQL, Hangfire queues on it, live events through Redis.</summary>
    Cluster,
}
