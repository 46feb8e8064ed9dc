using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ModArith.Data;

/// <summary>Registers the database for the web app and the worker.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="IDbContextFactory{TContext}"/> for <see cref="ModArithDbContext"/>:
    /// Blazor circuits and background writers outlive a request scope, so each unit of work
    /// creates and disposes its own short-lived context.
    /// </summary>
    public static IServiceCollection AddModArithData(this IServiceCollection services, string connectionString) =>
        services.AddModArithData(StoreProvider.Sqlite, connectionString);

    /// <summary>As above, on the chosen provider.</summary>
    public static IServiceCollection AddModArithData(this IServiceCollection services, StoreProvider provider, string connectionString) =>
        services.AddDbContextFactory<ModArithDbContext>(o => o.UseModArithStore(provider, connectionString));
}
