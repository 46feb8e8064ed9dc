using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ModArith.Core.Config;
using ModArith.Web.Runs;

namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// Fills the schemas of <see cref="RunConfigDocument"/> and <see cref="RunCreateRequest"/> from the
/// engine's own config vocabulary (<see cref="ConfigSchema"/>): every key with its type, default,
/// choices, range (<see cref="ConfigKeyRange"/>) and the description the New-run form shows.
/// Unknown keys are refused by the API, so the schema allows no others.
/// </summary>
public static class ConfigSchemaTransformer
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(RunConfigDocument))
            Fill(schema, "A run config in the engine's vocabulary: a preset plus overrides; every key is optional and unknown keys are refused.");
        else if (type == typeof(RunCreateRequest))
        {
            Fill(schema, "A run config in the engine's vocabulary (a preset plus overrides; unknown keys are refused) and an optional run name.");
            schema.Properties!["name"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = RunService.MaxNameLength,
                Description = $"Name shown in the runs list (at most {RunService.MaxNameLength} characters); default: made from the preset and key values.",
            };
        }
        return Task.CompletedTask;
    }

    private static void Fill(OpenApiSchema schema, string description)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = description;
        schema.AdditionalPropertiesAllowed = false;
        schema.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in ConfigSchema.Fields) schema.Properties[field.Key] = KeySchema(field);
    }

    private static OpenApiSchema KeySchema(ConfigField field)
    {
        var key = new OpenApiSchema { Description = $"{field.Group}: {field.Description}" };
        switch (field.Type)
        {
            case "integer": key.Type = JsonSchemaType.Integer; key.Format = "int32"; break;
            case "number": key.Type = JsonSchemaType.Number; key.Format = "double"; break;
            case "boolean": key.Type = JsonSchemaType.Boolean; break;
            case "choice":
                key.Type = JsonSchemaType.String;
                key.Enum = field.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                break;
            default: key.Type = JsonSchemaType.String; break;
        }
        if (field.Key == "preset")
        {
            key.Type = JsonSchemaType.String | JsonSchemaType.Null;
            key.Description += $" Presets: {string.Join(", ", Presets.All.Select(p => p.Name))}.";
        }
        if (field.DefaultValue is not null) key.Default = JsonSerializer.SerializeToNode(field.DefaultValue);
        if (ConfigKeyRange.For(field.Key) is { } range)
        {
            if (range.Minimum is double min)
            {
                if (range.MinimumExclusive) key.ExclusiveMinimum = Number(min); else key.Minimum = Number(min);
            }
            if (range.Maximum is double max)
            {
                if (range.MaximumExclusive) key.ExclusiveMaximum = Number(max); else key.Maximum = Number(max);
            }
        }
        return key;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
