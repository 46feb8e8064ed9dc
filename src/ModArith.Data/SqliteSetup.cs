using System.Data;
using Microsoft.EntityFrameworkCore;

namespace ModArith.Data;

/// <summary>
/// The one place the SQLite provider is configured, so the web app, tools and tests all point
/// the context at the migrations assembly and open the database the same way.
/// </summary>
public static class SqliteSetup
{
    /// <summary>The assembly that holds the generated migrations (kept apart from the model).</summary>
    public const string MigrationsAssembly = "ModArith.Migrations";

    /// <summary>Uses SQLite with migrations taken from <see cref="MigrationsAssembly"/>.</summary>
    public static DbContextOptionsBuilder UseModArithSqlite(this DbContextOptionsBuilder b, string connectionString) =>
        b.UseSqlite(connectionString, x => x.MigrationsAssembly(MigrationsAssembly));

    /// <summary>
    /// Applies pending migrations, then switches the file to write-ahead logging so the UI can
    /// read while the metrics writer writes. WAL is stored in the file, so this is idempotent.
    /// </summary>
    /// <exception cref="InvalidOperationException">SQLite did not accept WAL mode.</exception>
    public static async Task MigrateAndEnableWalAsync(this ModArithDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);

        var connection = db.Database.GetDbConnection();
        bool opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = Convert.ToString(await command.ExecuteScalarAsync(ct));
            // An in-memory database (tests) reports "memory": it has no journal file to switch.
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode: journal_mode is '{mode}'.");
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}
