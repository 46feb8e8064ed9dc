using Microsoft.EntityFrameworkCore;

namespace ModArith.Data;

/// <summary>The one place the PostgreSQL provider is configured (cluster mode).</summary>
public static class PostgreSqlSetup
{
    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's are in their own).</summary>
    public const string MigrationsAssembly = "ModArith.Migrations.PostgreSql";

    /// <summary>
    /// Uses PostgreSQL with migrations taken from <see cref="MigrationsAssembly"/>. Transient failures
    /// (the server restarting, a pooled connection it dropped) are retried for about half a minute, so a
    /// PostgreSQL restart costs a pause, not a failed request; code that opens its own transaction runs it
    /// through <c>Database.CreateExecutionStrategy()</c>.
    /// </summary>
    public static DbContextOptionsBuilder UseModArithPostgreSql(this DbContextOptionsBuilder b, string connectionString) =>
        b.UseNpgsql(connectionString, x => x
            .MigrationsAssembly(MigrationsAssembly)
            .EnableRetryOnFailure(maxRetryCount: 8, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null));
}
