using Microsoft.EntityFrameworkCore;

namespace ModArith.Data;

/// <summary>
/// The dashboard's database: runs, their metric points and their checkpoints, and sweeps of runs. Configured with
/// the fluent API here so the entities stay plain classes.
/// </summary>
public class ModArithDbContext(DbContextOptions<ModArithDbContext> options) : DbContext(options)
{
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();
    public DbSet<CheckpointRecord> Checkpoints => Set<CheckpointRecord>();
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<SeriesChunk> SeriesChunks => Set<SeriesChunk>();
    public DbSet<ClusterWorker> Workers => Set<ClusterWorker>();
    public DbSet<RunLogEntry> RunLog => Set<RunLogEntry>();
    public DbSet<SystemSample> SystemSamples => Set<SystemSample>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot sort or compare DateTimeOffset; store every timestamp as UTC ticks there.
        // PostgreSQL keeps them as timestamptz.
        if (Database.IsSqlite()) configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Run>(run =>
        {
            run.Property(r => r.Name).HasMaxLength(200).IsRequired();
            run.Property(r => r.ConfigJson).IsRequired();
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Notes).HasDefaultValue("");
            run.Property(r => r.Tags).HasDefaultValue("");
            // Start-up recovery and the run list filter by status.
            run.HasIndex(r => r.Status);
            run.HasIndex(r => r.CreatedAt);
            run.HasIndex(r => r.Archived);
            // The runs list's tag filter reads the distinct tag lists; an index makes that a scan of the index, not of every row.
            run.HasIndex(r => r.Tags);
            run.Property(r => r.Worker).HasMaxLength(100);

            run.HasMany(r => r.Metrics).WithOne().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
            run.HasMany(r => r.Checkpoints).WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Sweep>(sweep =>
        {
            sweep.Property(s => s.Name).HasMaxLength(200).IsRequired();
            sweep.Property(s => s.SpecJson).IsRequired();
            // A run outlives its sweep's record: deleting a sweep only detaches its runs.
            sweep.HasMany(s => s.Runs).WithOne().HasForeignKey(r => r.SweepId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<ClusterWorker>(worker =>
        {
            worker.HasKey(w => w.Name);
            worker.Property(w => w.Name).HasMaxLength(100);
            worker.Property(w => w.Host).HasMaxLength(200);
            worker.Property(w => w.Devices).HasMaxLength(200);
            worker.Property(w => w.Version).HasMaxLength(100);
        });

        modelBuilder.Entity<MetricPoint>(point =>
        {
            point.Property(m => m.PerShotJson).IsRequired();
            // Resuming a run replays steps; the database refuses a second point for the same step.
            point.HasIndex(m => new { m.RunId, m.Step }).IsUnique();
        });

        modelBuilder.Entity<SeriesChunk>(chunk =>
        {
            chunk.Property(c => c.Data).IsRequired();
            // A run's chunks are read in step order and cut at a resume step.
            chunk.HasIndex(c => new { c.RunId, c.FirstStep });
            chunk.HasOne<Run>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RunLogEntry>(line =>
        {
            line.ToTable("RunLog");
            line.Property(l => l.Level).HasConversion<string>().HasMaxLength(16);
            line.Property(l => l.Message).IsRequired();
            line.Property(l => l.Worker).HasMaxLength(100);
            // A run's lines are read in time order.
            line.HasIndex(l => new { l.RunId, l.At });
            line.HasOne<Run>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SystemSample>(sample =>
        {
            sample.HasIndex(s => new { s.RunId, s.At });
            sample.HasOne<Run>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CheckpointRecord>(checkpoint =>
        {
            checkpoint.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            checkpoint.Property(c => c.Path).IsRequired();
            checkpoint.HasIndex(c => new { c.RunId, c.Kind, c.Step }).IsUnique();
        });
    }
}
