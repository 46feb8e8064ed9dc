namespace ModArith.Data;

/// <summary>
/// Where a run is in its life. Stored as text so the database stays readable and adding a
/// value never renumbers the existing ones.
/// </summary>
public enum RunStatus
{
    /// <summary>Accepted and waiting for a free training slot.</summary>
    Queued,

    /// <summary>Training now.</summary>
    Running,

    /// <summary>Reached its last step.</summary>
    Completed,

    /// <summary>Stopped by an error; <see cref="Run.Error"/> says which.</summary>
    Failed,

    /// <summary>Stopped on a user's request.</summary>
    Cancelled,

    /// <summary>Was running when the process went away; it can be resumed from its last checkpoint.</summary>
    Interrupted,
}
