namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// Stands for a config in the engine's vocabulary (a preset plus overrides) in the OpenAPI
/// document: the endpoints read such bodies as JSON themselves (to name every bad key), and
/// <see cref="ConfigSchemaTransformer"/> fills this type's schema from <see cref="Core.Config.ConfigSchema"/>.
/// </summary>
public sealed class RunConfigDocument;
