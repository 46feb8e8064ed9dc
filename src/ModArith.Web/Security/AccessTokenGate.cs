using System.Net;

namespace ModArith.Web.Security;

/// <summary>
/// With Dashboard:AccessToken set, every request (UI, API, hub) must present it, as
/// <c>Authorization: Bearer TOKEN</c>, or once as <c>?access_token=TOKEN</c> (a page then gets a
/// session cookie and is sent on to the same address without the token in it), or that cookie.
/// Without a token the dashboard serves this machine only: a request that reached it on another
/// interface is refused, whatever the listen settings said. /healthz is open to probes.
/// </summary>
public sealed class AccessTokenGate(RequestDelegate next, AccessToken? token)
{
    private const string QueryKey = "access_token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (token is null)
        {
            if (context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "This dashboard has no Dashboard:AccessToken, so it serves this machine (loopback) only.");
                return;
            }
            await next(context);
            return;
        }

        var request = context.Request;
        if (request.Path == DatabaseHealthCheck.Path) { await next(context); return; } // probes carry no token; it reveals nothing
        var header = request.Headers.Authorization.ToString();
        var fromQuery = request.Query[QueryKey].FirstOrDefault();
        bool allowed = header.StartsWith("Bearer ", StringComparison.Ordinal) ? token.Matches(header[7..])
            : fromQuery is not null ? token.Matches(fromQuery)
            : token.IsValidSession(request.Cookies[AccessToken.CookieName]);
        if (!allowed)
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "An access token is required: Authorization: Bearer TOKEN, or open the dashboard once with ?access_token=TOKEN.");
            return;
        }

        if (fromQuery is not null && header.Length == 0)
        {
            context.Response.Cookies.Append(AccessToken.CookieName, token.NewSession(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                MaxAge = AccessToken.SessionLifetime,
            });
            // A page opened with the token in its address: keep the secret out of history and bookmarks.
            if (HttpMethods.IsGet(request.Method) && IsPage(request.Path))
            {
                var rest = request.Query.Where(q => q.Key != QueryKey).SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
                var query = string.Join('&', rest);
                context.Response.Redirect(request.PathBase + request.Path + (query.Length > 0 ? "?" + query : ""));
                return;
            }
        }
        await next(context);
    }

    private static bool IsPage(PathString path) =>
        !(path.StartsWithSegments("/api") || path.StartsWithSegments(Hubs.RunsHub.Path) || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework"));

    private static Task Refuse(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: status == 401 ? "Access token required." : "Forbidden.").ExecuteAsync(context);
    }
}
