using System.Net;
using System.Net.Http.Headers;

namespace ModArith.Web.Tests;

public sealed class SecurityTests
{
    [Fact]
    public void Listening_beyond_loopback_without_a_token_refuses_to_start()
    {
        using var factory = new DashboardFactory(settings: new() { ["urls"] = "http://0.0.0.0:5123" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AccessToken", e.ToString());
    }

    [Fact]
    public async Task With_a_token_the_api_and_the_ui_require_it()
    {
        using var factory = new DashboardFactory(settings: new() { ["urls"] = "http://0.0.0.0:5124", ["Dashboard:AccessToken"] = "s3cret" });
        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", null)).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/runs")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task Oversized_request_bodies_are_refused()
    {
        using var factory = new DashboardFactory();
        var http = factory.CreateClient();
        var huge = new string(' ', 2 << 20) + "{}";
        var response = await http.PostAsync("/api/runs", new StringContent(huge, System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.True((int)response.StatusCode is 400 or 413, response.StatusCode.ToString());
    }
}
