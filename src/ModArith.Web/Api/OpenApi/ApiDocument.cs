using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// How /openapi/v1.json is built: the title and usage notes, the optional Bearer access token,
/// parameter metadata the handlers declare (<see cref="ParameterDoc"/>) and the config vocabulary as
/// a schema. The OpenAPI tests check every response of every API endpoint against this document.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ModArith Dashboard API",
                Version = "v1",
                Description = "Launch and follow training runs and sweeps of the modular-arithmetic in-context learning experiments, read their metrics, "
                    + "and look inside trained checkpoints. JSON bodies and responses are camelCase. Errors in a request give 400 problem details "
                    + "whose `errors` name each bad field or parameter. When the server has Dashboard:AccessToken set, every request must send "
                    + "`Authorization: Bearer <token>` (else 401). Request bodies must be sent as `Content-Type: application/json` (else 415) and be at most "
                    + "1 MiB (else 413). A state-changing request from a browser page of another origin is refused with 403 (scripts send no Origin). "
                    + "Live events (metric, status, progress) are pushed by the SignalR hub at /hubs/runs.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The server's Dashboard:AccessToken; required only when one is configured (always when listening beyond loopback).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(ParameterDocTransformer.TransformAsync);
        options.AddOperationTransformer(JsonBodyDocTransformer.TransformAsync);
        options.AddSchemaTransformer(ConfigSchemaTransformer.TransformAsync);
        options.AddSchemaTransformer(ChoiceSchemaTransformer.TransformAsync);
    }
}
