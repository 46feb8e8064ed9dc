using Microsoft.EntityFrameworkCore;
using ModArith.Data;

namespace ModArith.Web.Tests.Store;

/// <summary>
/// Each provider has its own migrations assembly: both must describe the current model, or a
/// database of that provider would miss a column the code writes. Fails when a model change was
/// made without `dotnet ef migrations add` for either provider.
/// </summary>
public sealed class MigrationsInStepTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(StoreProvider.PostgreSql, "Host=127.0.0.1;Database=never_opened")]
    public void The_migrations_of_each_provider_match_the_model(StoreProvider provider, string connectionString)
    {
        using var db = Context(provider, connectionString);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"the {provider} migrations lag the model: run `dotnet ef migrations add NAME` for migrations/{(provider == StoreProvider.Sqlite ? "ModArith.Migrations" : "ModArith.Migrations.PostgreSql")} (README, Layout)");
    }

    [Fact]
    public void The_two_providers_store_timestamps_their_own_way()
    {
        // SQLite gets UTC ticks (it cannot compare DateTimeOffset); PostgreSQL keeps timestamptz.
        using var sqlite = Context(StoreProvider.Sqlite, "Data Source=:memory:");
        using var postgres = Context(StoreProvider.PostgreSql, "Host=127.0.0.1;Database=never_opened");
        Assert.Equal("INTEGER", sqlite.Model.FindEntityType(typeof(Run))!.FindProperty(nameof(Run.CreatedAt))!.GetColumnType());
        Assert.Equal("timestamp with time zone", postgres.Model.FindEntityType(typeof(Run))!.FindProperty(nameof(Run.CreatedAt))!.GetColumnType());
    }

    private static ModArithDbContext Context(StoreProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ModArithDbContext>();
        builder.UseModArithStore(provider, connectionString);
        return new ModArithDbContext(builder.Options);
    }
}
