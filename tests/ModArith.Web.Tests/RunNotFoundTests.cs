using System.Net;

namespace ModArith.Web.Tests;

/// <summary>An address of a run that does not exist is the app's not-found page, with status 404.</summary>
public sealed class RunNotFoundTests : DashboardTest
{
    [Theory]
    [InlineData("/runs/99999")]
    [InlineData("/runs/99999/inside")]
    public async Task An_unknown_run_gives_the_not_found_page_with_404(string path)
    {
        var response = await Factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-not-found", await response.Content.ReadAsStringAsync());
    }
}
