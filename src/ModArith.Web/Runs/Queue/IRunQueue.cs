using ModArith.Data;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// Where stored Queued runs wait to be trained: an in-process channel read by this process's
/// runner (embedded), or a Hangfire queue on PostgreSQL served by worker processes (cluster).
/// </summary>
public interface IRunQueue
{
    /// <summary>Hands a run already stored as Queued to whatever trains runs.</summary>
    void Enqueue(Run run);
}
