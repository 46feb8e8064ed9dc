using Microsoft.Extensions.Options;
using ModArith.Web.Options;

namespace ModArith.Web.Jobs;

/// <summary>Where the database and each run's checkpoints live.</summary>
public sealed class DataPaths(IOptions<DashboardOptions> options, IHostEnvironment env)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.DataDirectory));

    public string DatabaseFile => Path.Combine(Root, "modarith.db");

    public string RunDirectory(int runId) => Path.Combine(Root, "runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
