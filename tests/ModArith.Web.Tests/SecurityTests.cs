using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ModArith.Web.Tests;

/// <summary>The token, the session cookie, cross-site requests and the not-found page (the app in-process).</summary>
public sealed class SecurityTests
{
    private const string Token = "s3cret-token";

    private static DashboardFactory WithToken(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Dashboard:AccessToken"] = Token };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return new DashboardFactory(settings: settings);
    }

    private static HttpClient NoRedirects(DashboardFactory factory) => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task With_a_token_the_api_the_ui_and_the_hub_require_it()
    {
        using var factory = WithToken();
        var http = NoRedirects(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", null)).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/runs")).StatusCode);
        foreach (var wrong in new[] { "wrong", Token + "x", Token[..^1], "" })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        }
    }

    [Fact]
    public async Task The_session_cookie_holds_no_secret_expires_and_only_the_server_can_make_one()
    {
        using var factory = WithToken();
        var http = NoRedirects(factory);

        // Opening a page with the token sets a session cookie and sends the browser on without the token.
        var first = await http.GetAsync($"/sweeps?access_token={Token}&x=1");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/sweeps?x=1", first.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("modarith_session=", setCookie);
        Assert.DoesNotContain(Token, setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=604800", setCookie, StringComparison.OrdinalIgnoreCase);
        var session = setCookie.Split(';')[0]["modarith_session=".Length..];

        async Task<HttpStatusCode> WithCookie(string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
            request.Headers.Add("Cookie", $"modarith_session={value}");
            return (await http.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await WithCookie(session));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookie(Token)); // the raw token is not a session
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookie(session[..^4] + "AAAA")); // tampered

        // Another server with another token cannot read this session: changing the token ends it.
        using var other = new DashboardFactory(dataDirectory: factory.DataDirectory, settings: new() { ["Dashboard:AccessToken"] = "another-token" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Add("Cookie", $"modarith_session={session}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await NoRedirects(other).SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Cross_site_requests_cannot_create_or_cancel_runs_nor_open_the_hub()
    {
        using var factory = new DashboardFactory();
        var http = factory.CreateClient();
        var run = await http.CreateRunAsync(TinyRuns.Request("victim", steps: 2000, evalEvery: 1000));
        int id = run.GetProperty("id").GetInt32();

        async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content, params (string, string)[] headers)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
            return await http.SendAsync(request);
        }
        var json = () => JsonContent.Create(new { preset = "cpu-small", steps = 10 });
        var plain = () => new StringContent("""{"preset":"cpu-small","steps":10}""", Encoding.UTF8, "text/plain");

        // A page on another site: refused whatever the content type.
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/runs", plain(), ("Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/runs", json(), ("Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, $"/api/runs/{id}/cancel", null, ("Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, $"/api/runs/{id}/cancel", null, ("Origin", "null"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, $"/api/runs/{id}/cancel", null, ("Sec-Fetch-Site", "cross-site"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1", null, ("Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/hubs/runs?id=x", null, ("Origin", "http://evil.example"))).StatusCode);
        // JSON endpoints read only JSON, so a form-like text/plain body is refused even without an Origin.
        var textPlain = await Send(HttpMethod.Post, "/api/runs", plain());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, textPlain.StatusCode);
        Assert.Contains("Content-Type", await textPlain.Content.ReadAsStringAsync());

        Assert.Contains((await http.GetRunAsync(id)).GetProperty("status").GetString(), new[] { "Queued", "Running" });
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());

        // The dashboard's own pages (same origin) and scripts (no Origin) still can.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1", null, ("Origin", "http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(HttpMethod.Post, $"/api/runs/{id}/cancel", null, ("Origin", "http://localhost"))).StatusCode);
    }

    [Fact]
    public async Task An_allowed_origin_may_act()
    {
        using var factory = new DashboardFactory(settings: new() { ["Dashboard:AllowedOrigins:0"] = "https://lab.example:8443" });
        var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { preset = "cpu-small", steps = 10 }) };
        request.Headers.Add("Origin", "https://lab.example:8443");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Oversized_request_bodies_are_refused()
    {
        using var factory = new DashboardFactory();
        var http = factory.CreateClient();
        var huge = new string(' ', 2 << 20) + "{}";
        var response = await http.PostAsync("/api/runs", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/runs/abc")]
    [InlineData("/no/such/page")]
    [InlineData("/sweeps/x/y")]
    public async Task Unknown_addresses_get_the_apps_not_found_page_with_status_404(string path)
    {
        using var factory = new DashboardFactory();
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-not-found", html);
        Assert.Contains("ModArith", html); // inside the app's layout, not the browser's bare error page
    }

    [Fact]
    public async Task Every_page_names_an_icon_that_is_served()
    {
        using var factory = new DashboardFactory();
        var http = factory.CreateClient();
        var html = await http.GetStringAsync("/");
        var match = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\"[^>]*href=\"([^\"]+)\"");
        Assert.True(match.Success, "no <link rel=icon> in the page");
        var icon = await http.GetAsync("/" + match.Groups[1].Value.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
