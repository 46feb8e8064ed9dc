using StackExchange.Redis;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// A cluster front-end's feed of live events into its <see cref="RunNotifier"/>: whatever any worker
/// (or front-end) published on the Redis channel, so the Blazor pages see runs trained elsewhere.
/// StackExchange.Redis subscribes again by itself when Redis comes back; the pages are then told to
/// read from the store what was published while it was away.
/// </summary>
public sealed class RedisLiveFeed(IConnectionMultiplexer redis, RunNotifier notifier, ILogger<RedisLiveFeed> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnRestored;
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveEnvelope.Channel));
        queue.OnMessage(message =>
        {
            try { LiveEnvelope.Deliver(message.Message!, notifier); }
            catch (Exception e) { log.LogWarning("Unreadable live event: {Message}", e.Message); }
        });
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription) return;
        log.LogInformation("Live feed restored: pages catch up from the store");
        notifier.PublishResynced();
        // The channel is subscribed again just after the connection is restored: what was published
        // in between is stored but never arrives, so the pages read the store once more a little later.
        _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => notifier.PublishResynced(), TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnRestored;
        return redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(LiveEnvelope.Channel));
    }
}
