using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ModArith.Core.Sweeps;
using ModArith.Data;
using ModArith.Web.Sweeps;

namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// The DTOs carry statuses, checkpoint kinds and phases as strings (enum names); this lists the
/// values each such property can take in the document, so a client can rely on them.
/// </summary>
public static class ChoiceSchemaTransformer
{
    private static readonly string[] RunStatuses = Enum.GetNames<RunStatus>();
    private static readonly string[] CheckpointKinds = Enum.GetNames<CheckpointKind>();
    private static readonly string[] Phases = Enum.GetValues<Phase>().Select(p => SweepReader.Name(p)!).ToArray();
    // What SweepStatus.Of derives from a sweep's runs.
    private static readonly string[] SweepStatuses = ["Queued", "Running", "Cancelled", "Interrupted", "Failed", "Completed", "Stopped"];

    private static readonly Dictionary<(Type, string), string[]> Choices = new()
    {
        [(typeof(RunDto), "status")] = RunStatuses,
        [(typeof(SweepRunDto), "status")] = RunStatuses,
        [(typeof(SweepDto), "status")] = SweepStatuses,
        [(typeof(SweepSummaryDto), "status")] = SweepStatuses,
        [(typeof(CheckpointDto), "kind")] = CheckpointKinds,
        [(typeof(PredictEndpoint.PredictedCheckpoint), "kind")] = CheckpointKinds,
        [(typeof(SweepRunDto), "phaseAtBestOod")] = Phases,
        [(typeof(SweepRunDto), "phaseAtEnd")] = Phases,
    };

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo is { } property && Choices.TryGetValue((property.DeclaringType, property.Name), out var choices))
        {
            bool nullable = schema.Type?.HasFlag(JsonSchemaType.Null) == true;
            schema.Enum = choices.Select(c => (JsonNode)JsonValue.Create(c)!).Concat(nullable ? [null!] : []).ToList();
        }
        return Task.CompletedTask;
    }
}
