using Hangfire;
using Hangfire.PostgreSql;
using ModArith.Web.Options;
using ModArith.Web.Runs.Live;
using ModArith.Web.Runs.Queue;
using StackExchange.Redis;

namespace ModArith.Web.Cluster;

/// <summary>
/// What front-ends and workers of the cluster mode register alike: Hangfire's storage on the shared
/// PostgreSQL, Redis (the SignalR backplane and the live channel), and the fenced event writer.
/// </summary>
public static class ClusterSetup
{
    public const string RedisConnectionName = "Redis";

    public static void AddClusterParts(IServiceCollection services, IConfiguration configuration, string storeConnectionString)
    {
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var redisConnection = configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redisConnection))
            throw new InvalidOperationException("Dashboard:Mode is Cluster: set ConnectionStrings:Redis (e.g. redis-host:6379) in the environment or a config file.");
        // abortConnect=false: a node starts (and keeps training and storing) while Redis is down.
        var redisOptions = ConfigurationOptions.Parse(redisConnection);
        redisOptions.AbortOnConnectFail = false;

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(storeConnectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // A dead worker's job becomes visible again after this long; a live one keeps renewing it.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromSeconds(cluster.InvisibilityTimeoutSeconds),
                QueuePollInterval = TimeSpan.FromMilliseconds(cluster.QueuePollIntervalMilliseconds),
            }));
        // One job per run and no automatic retries: a failed run stays failed until resumed.
        GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 0 });

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redisOptions.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal("modarith-hub");
        });
        services.AddSingleton<RedisRunBroadcaster>();
        services.AddSingleton<IRunBroadcaster>(sp => sp.GetRequiredService<RedisRunBroadcaster>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisRunBroadcaster>());
        services.AddSingleton(new WriterSettings { LiveBeforeStore = false });
        services.AddSingleton<IRunQueue, HangfireRunQueue>();
    }
}
