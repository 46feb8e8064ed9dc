using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModArith.Data;

namespace ModArith.Migrations;

/// <summary>
/// Lets <c>dotnet ef</c> build the context without starting the web app. It lives here, not in
/// ModArith.Data, because the tools only look for a context in the startup and target
/// assemblies, and this project is both. The connection string only matters for commands that
/// touch a database; <c>migrations add</c> never opens it.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ModArithDbContext>
{
    public ModArithDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ModArithDbContext>();
        options.UseModArithSqlite("Data Source=modarith-design.db");
        return new ModArithDbContext(options.Options);
    }
}
