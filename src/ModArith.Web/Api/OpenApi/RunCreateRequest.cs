namespace ModArith.Web.Api.OpenApi;

/// <summary>The body of POST /api/runs in the OpenAPI document: a config plus an optional run name (schema filled by <see cref="ConfigSchemaTransformer"/>).</summary>
public sealed class RunCreateRequest;
