using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using ModArith.Web.Api;
using ModArith.Web.Hubs;
using StackExchange.Redis;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// The cluster mode's push, from a worker or a front-end: hub clients on every front-end through the
/// SignalR Redis backplane, and every front-end's pages through the <see cref="LiveEnvelope.Channel"/>
/// pub/sub channel. Events wait in a bounded buffer sent from here, so Redis being slow or down never
/// holds up the event writer: training and storing go on, pages catch up from the store.
/// While Redis is unreachable events are dropped rather than queued in the Redis client's backlog
/// (each would wait there 5 s before failing, and the ones that got through would arrive late and
/// stale): the store is the record, and every front-end's pages read what they missed when Redis
/// is back (<see cref="RunNotifier.Resynced"/>).
/// </summary>
public sealed class RedisRunBroadcaster(IHubContext<RunsHub> hub, IConnectionMultiplexer redis, ILogger<RedisRunBroadcaster> log)
    : BackgroundService, IRunBroadcaster
{
    private readonly Channel<Func<Task>> outbox = Channel.CreateBounded<Func<Task>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public Task MetricAsync(MetricDto metric) => Post("metric", metric, metric.RunId, RunsHub.RunGroup(metric.RunId));

    public Task StatusAsync(StatusDto status) => Post("status", status, status.RunId, RunsHub.RunGroup(status.RunId), RunsHub.RunListGroup);

    public Task ProgressAsync(ProgressDto progress) => Post("progress", progress, progress.RunId, RunsHub.RunGroup(progress.RunId), RunsHub.RunListGroup);

    public Task SeriesAsync(Series.SeriesPointsDto points) => Post("series", points, points.RunId, RunsHub.RunGroup(points.RunId));

    public Task LogAsync(Telemetry.RunLogLineDto line) => Post("log", line, line.RunId, RunsHub.RunGroup(line.RunId));

    public Task SystemAsync(Telemetry.SystemSampleDto sample) => Post("system", sample, sample.RunId, RunsHub.RunGroup(sample.RunId));

    private Task Post(string kind, object payload, int runId, params string[] groups)
    {
        outbox.Writer.TryWrite(async () =>
        {
            await PublishToFrontEndsAsync(LiveEnvelope.Wrap(kind, payload));
            await hub.Clients.Groups(groups).SendAsync(kind, payload);
        });
        return Task.CompletedTask;
    }

    /// <summary>An envelope on the channel every front-end's pages listen to (<see cref="RedisLiveFeed"/>).</summary>
    private Task PublishToFrontEndsAsync(string envelope) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveEnvelope.Channel), envelope);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            long dropped = 0;
            await foreach (var send in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                if (!redis.IsConnected)
                {
                    if (dropped++ == 0) log.LogWarning("Redis is unreachable: live events are dropped until it is back (the store keeps them)");
                    continue;
                }
                if (dropped > 0)
                {
                    log.LogInformation("Redis is back: {Dropped} live events were dropped meanwhile", dropped);
                    // This node may reconnect after a front-end did (and after its pages caught up): tell
                    // every front-end to read the store again, ahead of the events that follow.
                    try
                    {
                        await PublishToFrontEndsAsync(LiveEnvelope.Wrap(LiveEnvelope.Resync, new { }));
                        dropped = 0;
                    }
                    catch (Exception e) { log.LogWarning("Live push through Redis failed: {Message}", e.Message); }
                }
                try { await send(); }
                catch (Exception e) { log.LogWarning("Live push through Redis failed: {Message}", e.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
