using Microsoft.Extensions.Options;
using ModArith.Web.Options;

namespace ModArith.Web.Runs;

/// <summary>
/// Where the database and each run's checkpoints live. Checkpoint paths are stored relative to the
/// data directory, so every node of a cluster resolves them on its own mount of the shared directory.
/// </summary>
public sealed class DataPaths(IOptions<DashboardOptions> options, IHostEnvironment env)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.DataDirectory));

    public string DatabaseFile => Path.Combine(Root, "modarith.db");

    public string RunDirectory(int runId) => Path.Combine(Root, "runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A path under the data directory as it is stored (relative); a path elsewhere stays absolute.</summary>
    public string ToStored(string path)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
    }

    /// <summary>A stored path on this node: relative ones under the data directory, absolute ones (rows from before) as they are.</summary>
    public string Resolve(string storedPath) => Path.GetFullPath(Path.Combine(Root, storedPath));
}
