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

    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
            addresses.AddRange(Split(configuration[key]).Select(port => $"{scheme}://*:{port}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) addresses.Add(url);
        return addresses;
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
