using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModArith.Web.Api.OpenApi;

/// <summary>Writes each endpoint's <see cref="ParameterDoc"/> metadata into its operation, replacing what was inferred for that name.</summary>
public static class ParameterDocTransformer
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var doc in context.Description.ActionDescriptor.EndpointMetadata.OfType<ParameterDoc>())
        {
            operation.Parameters ??= [];
            var inferred = operation.Parameters.FirstOrDefault(p => p.Name == doc.Name && p.In == doc.In);
            if (inferred is not null) operation.Parameters.Remove(inferred);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = doc.Name,
                In = doc.In,
                Required = doc.Required,
                Description = doc.Description,
                Schema = SchemaOf(doc),
            });
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaOf(ParameterDoc doc)
    {
        var schema = new OpenApiSchema { Type = doc.Type };
        if (doc.Type == JsonSchemaType.Integer) schema.Format = "int32";
        if (doc.Minimum is double min) schema.Minimum = min.ToString(CultureInfo.InvariantCulture);
        if (doc.Maximum is double max) schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
        if (doc.Choices is { } choices) schema.Enum = choices.Select(c => (JsonNode)JsonValue.Create(c)!).ToList();
        if (doc.Default is { } d)
            schema.Default = doc.Type == JsonSchemaType.Integer ? JsonValue.Create(int.Parse(d, CultureInfo.InvariantCulture)) : JsonValue.Create(d);
        return schema;
    }
}
