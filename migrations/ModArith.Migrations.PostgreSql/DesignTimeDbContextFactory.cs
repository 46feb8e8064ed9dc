using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModArith.Data;

namespace ModArith.Migrations.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL context without a server: <c>migrations add</c> never
/// opens the connection, so the connection string is only a placeholder.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ModArithDbContext>
{
    public ModArithDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ModArithDbContext>();
        options.UseModArithPostgreSql("Host=127.0.0.1;Database=modarith_design");
        return new ModArithDbContext(options.Options);
    }
}
