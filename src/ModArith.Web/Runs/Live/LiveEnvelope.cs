using System.Text.Json;
using ModArith.Web.Api;

namespace ModArith.Web.Runs.Live;

/// <summary>One live event on the Redis channel every front-end listens to: its kind and its DTO as JSON.</summary>
public sealed record LiveEnvelope(string Kind, JsonElement Payload)
{
    public const string Channel = "modarith:live";

    /// <summary>A node that dropped events while Redis was away says so when it is back: pages read the store again.</summary>
    public const string Resync = "resync";

    public static string Wrap(string kind, object payload) =>
        JsonSerializer.Serialize(new LiveEnvelope(kind, JsonSerializer.SerializeToElement(payload, JsonSerializerOptions.Web)), JsonSerializerOptions.Web);

    /// <summary>Hands the event to this front-end's pages; unknown kinds (a newer node) are ignored.</summary>
    public static void Deliver(string json, RunNotifier notifier)
    {
        var e = JsonSerializer.Deserialize<LiveEnvelope>(json, JsonSerializerOptions.Web);
        switch (e?.Kind)
        {
            case "metric": notifier.Publish(e.Payload.Deserialize<MetricDto>(JsonSerializerOptions.Web)!); break;
            case "status": notifier.Publish(e.Payload.Deserialize<StatusDto>(JsonSerializerOptions.Web)!); break;
            case "progress": notifier.Publish(e.Payload.Deserialize<ProgressDto>(JsonSerializerOptions.Web)!); break;
            case "series": notifier.Publish(e.Payload.Deserialize<Series.SeriesPointsDto>(JsonSerializerOptions.Web)!); break;
            case "log": notifier.Publish(e.Payload.Deserialize<Telemetry.RunLogLineDto>(JsonSerializerOptions.Web)!); break;
            case "system": notifier.Publish(e.Payload.Deserialize<Telemetry.SystemSampleDto>(JsonSerializerOptions.Web)!); break;
            case Resync: notifier.PublishResynced(); break;
        }
    }
}
