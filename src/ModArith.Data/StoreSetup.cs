using Microsoft.EntityFrameworkCore;

namespace ModArith.Data;

/// <summary>Chooses the store's provider: the seam between the embedded and the cluster mode.</summary>
public static class StoreSetup
{
    public static DbContextOptionsBuilder UseModArithStore(this DbContextOptionsBuilder b, StoreProvider provider, string connectionString) =>
        provider switch
        {
            StoreProvider.PostgreSql => b.UseModArithPostgreSql(connectionString),
            _ => b.UseModArithSqlite(connectionString),
        };

    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task PrepareStoreAsync(this ModArithDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await db.MigrateAndEnableWalAsync(ct);
        else await db.Database.MigrateAsync(ct);
    }
}
