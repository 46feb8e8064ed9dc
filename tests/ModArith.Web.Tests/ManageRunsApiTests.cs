using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModArith.Data;

namespace ModArith.Web.Tests;

/// <summary>Renaming, notes, tags, archiving and deleting runs through the API.</summary>
public sealed class ManageRunsApiTests : DashboardTest
{
    private readonly HttpClient http;

    public ManageRunsApiTests() => http = Factory.CreateClient();

    private Task<HttpResponseMessage> PatchAsync(int id, string json) =>
        http.PatchAsync($"/api/runs/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Patch_changes_name_notes_tags_and_archived_and_the_list_filters_on_them()
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("before", steps: 10))).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(90), "Completed");

        var response = await PatchAsync(id, """{ "name": "  after  ", "notes": "lr probe", "tags": ["baseline", "p=7", "baseline"], "archived": true }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("after", run.GetProperty("name").GetString());
        Assert.Equal("lr probe", run.GetProperty("notes").GetString());
        Assert.Equal(["baseline", "p=7"], run.GetProperty("tagList").EnumerateArray().Select(t => t.GetString()));
        Assert.True(run.GetProperty("archived").GetBoolean());

        // Only what is given changes.
        var renamed = await (await PatchAsync(id, """{ "archived": false }""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("after", renamed.GetProperty("name").GetString());
        Assert.False(renamed.GetProperty("archived").GetBoolean());
        Assert.Equal("baseline,p=7", renamed.GetProperty("tags").GetString());
    }

    [Theory]
    [InlineData("""{ "name": "   ", "notes": "changed" }""", "name")]
    [InlineData("""{ "name": 5, "notes": "changed" }""", "name")]
    [InlineData("""{ "tags": "a,b", "notes": "changed" }""", "tags")]
    [InlineData("""{ "tags": ["ok", "no,comma"], "notes": "changed" }""", "tags[1]")]
    [InlineData("""{ "tags": ["ok", 3], "notes": "changed" }""", "tags[1]")]
    [InlineData("""{ "archived": "yes", "notes": "changed" }""", "archived")]
    [InlineData("""{ "status": "Completed", "notes": "changed" }""", "status")]
    [InlineData("""[1, 2]""", "(body)")]
    public async Task A_bad_change_gives_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("kept", steps: 10))).GetProperty("id").GetInt32();
        var response = await PatchAsync(id, body); // each body also changes the notes: none of it may land
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var run = await http.GetRunAsync(id);
        Assert.Equal("kept", run.GetProperty("name").GetString());
        Assert.Equal("", run.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Delete_removes_a_finished_run_its_rows_and_its_files_but_never_a_running_one()
    {
        int running = (await http.CreateRunAsync(TinyRuns.Request("long", steps: 20_000, evalEvery: 20))).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(running, TimeSpan.FromSeconds(60), "Running");
        Assert.Equal(HttpStatusCode.Conflict, (await http.DeleteAsync($"/api/runs/{running}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{running}/cancel", null)).StatusCode);
        await http.WaitForStatusAsync(running, TimeSpan.FromSeconds(60), "Cancelled");

        int id = (await http.CreateRunAsync(TinyRuns.Request("doomed", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(90), "Completed");
        var directory = Path.Combine(Factory.DataDirectory, "runs", id.ToString());
        Assert.NotEmpty(Directory.GetFiles(directory, "*.ckpt"));

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.False(Directory.Exists(directory), "the run's checkpoint folder is gone");
        using var scope = Factory.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.MetricPoints.CountAsync(m => m.RunId == id));
        Assert.Equal(0, await db.SeriesChunks.CountAsync(c => c.RunId == id));
        Assert.Equal(0, await db.Checkpoints.CountAsync(c => c.RunId == id));
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/runs/{id}")).StatusCode);
        // The other run is untouched.
        Assert.Equal("Cancelled", (await http.GetRunAsync(running)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Patch_of_an_unknown_run_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(99999, """{ "name": "x" }""")).StatusCode);
    }
}
