namespace ModArith.Web.Security;

/// <summary>
/// Refuses cross-site requests that could act for a signed-in browser (CSRF): a state-changing
/// method (POST, PUT, PATCH, DELETE), or any request to the live connections (the hub and Blazor's
/// circuit, whose WebSocket handshakes are GETs), whose Origin is not this server's own (or one
/// listed in Dashboard:AllowedOrigins). Browsers always send Origin on such requests; scripts and
/// curl send none and are let through (they carry no browser's cookie).
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next, IReadOnlyCollection<string> allowedOrigins)
{
    private static readonly string[] LivePaths = [Hubs.RunsHub.Path, "/_blazor"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        bool guarded = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            || LivePaths.Any(p => request.Path.StartsWithSegments(p));
        if (guarded && Foreign(request) is { } origin)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(
                detail: $"A request from the page {origin} may not act on this dashboard (Origin must be {OwnOrigin(request)}; list other front-end addresses in Dashboard:AllowedOrigins).",
                statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>The foreign origin of the request, or null when it is same-origin or not from a browser page.</summary>
    private string? Foreign(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return request.Headers["Sec-Fetch-Site"].ToString() == "cross-site" ? "(another site)" : null;
        if (string.Equals(origin, OwnOrigin(request), StringComparison.OrdinalIgnoreCase)) return null;
        return allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) ? null : origin;
    }

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
