using Microsoft.OpenApi;

namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// Endpoint metadata documenting one path or query parameter a handler reads itself (the analysis
/// endpoints parse their query string by hand to name every bad parameter): its type, range and
/// meaning. <see cref="ParameterDocTransformer"/> writes it into the operation.
/// </summary>
public sealed record ParameterDoc(string Name, string Description, JsonSchemaType Type = JsonSchemaType.Integer, bool Required = false,
    double? Minimum = null, double? Maximum = null, string[]? Choices = null, string? Default = null, ParameterLocation In = ParameterLocation.Query)
{
    public static ParameterDoc Path(string name, string description) => new(name, description, Required: true, In: ParameterLocation.Path);
}
