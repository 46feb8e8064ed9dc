namespace ModArith.Data;

/// <summary>
/// A checkpoint file a run wrote, so the UI can list what can be resumed or analysed without
/// scanning the disk. (RunId, Kind, Step) is unique.
/// </summary>
public class CheckpointRecord
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public int Step { get; set; }
    public CheckpointKind Kind { get; set; }

    /// <summary>The checkpoint file's path relative to the data directory, so every node of a cluster resolves it on the shared directory (rows from before: absolute).</summary>
    public string Path { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
