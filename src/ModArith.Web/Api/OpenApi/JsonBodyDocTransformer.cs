using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModArith.Web.Api.OpenApi;

/// <summary>Writes an endpoint's <see cref="JsonBodyDoc"/> as its required application/json request body, the schema kept as a component.</summary>
public static class JsonBodyDocTransformer
{
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyDoc>().FirstOrDefault() is not { } body) return;
        var document = context.Document ?? throw new InvalidOperationException("the operation transformer needs the document");
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(body.Type.Name, schema);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = body.Description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Type.Name, document) } },
        };
    }
}
