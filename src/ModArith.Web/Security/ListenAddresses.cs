using System.Net;

namespace ModArith.Web.Security;

/// <summary>
/// The addresses the server will listen on, from every place ASP.NET Core reads them: <c>urls</c>
/// (--urls, ASPNETCORE_URLS, DOTNET_URLS), <c>http_ports</c>/<c>https_ports</c> (ASPNETCORE_HTTP_PORTS,
/// which bind every interface) and Kestrel endpoints (Kestrel:Endpoints:NAME:Url).
/// </summary>
public static class ListenAddresses
{
    /// <summary>Where the dashboard listens when nothing is configured: this machine only.</summary>
    public const string Default = "http://127.0.0.1:5000";

    /// <summary>The addresses in the order of precedence Kestrel applies: endpoints, else urls, else ports.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0).ToList();
        if (endpoints.Count > 0) return endpoints;
        var urls = Split(configuration["urls"]).ToList();
        if (urls.Count > 0) return urls;
        return [.. Split(configuration["http_ports"]).Select(port => $"http://*:{port}"),
                .. Split(configuration["https_ports"]).Select(port => $"https://*:{port}")];
    }

    /// <summary>True only for addresses that accept connections from this machine alone.</summary>
    public static bool IsLoopback(string address)
    {
        var host = HostOf(address);
        if (host is null) return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private static string? HostOf(string address)
    {
        // "http://*:80" and "http://+:80" are not valid URIs; they mean every interface anyway.
        int scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        var rest = address[(scheme + 3)..];
        int end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
