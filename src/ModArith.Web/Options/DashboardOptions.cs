namespace ModArith.Web.Options;

/// <summary>The dashboard's settings, bound from the "Dashboard" section of appsettings.json.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Embedded (default: one process) or Cluster (front-ends and workers; see docs/scale-out.md).</summary>
    public DashboardMode Mode { get; set; } = DashboardMode.Embedded;

    /// <summary>
    /// The store: Sqlite (default; the file modarith.db in the data directory) or PostgreSql (the
    /// cluster's shared store, implied by the cluster mode; ConnectionStrings:ModArith is then required).
    /// </summary>
    public Data.StoreProvider Store { get; set; } = Data.StoreProvider.Sqlite;

    /// <summary>The store in use: the cluster mode always keeps its runs in PostgreSQL.</summary>
    public Data.StoreProvider EffectiveStore => Mode == DashboardMode.Cluster ? Data.StoreProvider.PostgreSql : Store;

    /// <summary>Folder for the SQLite file and run checkpoints; relative to the content root. In the cluster mode a directory every node shares.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Runs that train at the same time; the rest wait in the queue.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>CPU threads shared by all running runs (0 = every core).</summary>
    public int ThreadBudget { get; set; }

    /// <summary>Required when listening beyond loopback; then the UI, API and hub all ask for it.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Page origins besides the dashboard's own (e.g. "https://lab.example:8443" behind a proxy that
    /// rewrites Host) allowed to send state-changing requests and open live connections.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Largest accepted run (steps), so one request cannot occupy the machine for months.</summary>
    public int MaxSteps { get; set; } = 1_000_000;

    /// <summary>Largest accepted sweep (runs), so one request cannot queue thousands of runs.</summary>
    public int MaxSweepRuns { get; set; } = Core.Sweeps.SweepPlanner.DefaultMaxRuns;

    /// <summary>Chance-corrected accuracy at which a set counts as solved when classifying phases (see PhaseThresholds).</summary>
    public double PhaseSolvedThreshold { get; set; } = Core.Sweeps.PhaseThresholds.Default.Solved;

    /// <summary>A run is flagged transient when its final o.o.d. test accuracy is more than this below its peak.</summary>
    public double TransientMargin { get; set; } = Core.Sweeps.PhaseThresholds.Default.TransientMargin;

    public Core.Sweeps.PhaseThresholds PhaseThresholds => new() { Solved = PhaseSolvedThreshold, TransientMargin = TransientMargin };
}
