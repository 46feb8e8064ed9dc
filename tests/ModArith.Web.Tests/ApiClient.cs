using System.Net.Http.Json;
using System.Text.Json;

namespace ModArith.Web.Tests;

/// <summary>Small helpers over the REST API, as a script would use it.</summary>
public static class ApiClient
{
    public static async Task<JsonElement> CreateRunAsync(this HttpClient http, object request)
    {
        var response = await http.PostAsJsonAsync("/api/runs", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static async Task<JsonElement> GetRunAsync(this HttpClient http, int id) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");

    /// <summary>Polls until the run's status is one of <paramref name="statuses"/> (fails after the timeout).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient http, int id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement run;
        do
        {
            run = await http.GetRunAsync(id);
            if (statuses.Contains(run.GetProperty("status").GetString())) return run;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"run {id} still {run.GetProperty("status")} (step {run.GetProperty("currentStep")}) after {timeout}; wanted {string.Join("/", statuses)}");
    }

    public static async Task<int[]> MetricStepsAsync(this HttpClient http, int id)
    {
        var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics?format=json");
        return metrics.EnumerateArray().Select(m => m.GetProperty("step").GetInt32()).ToArray();
    }
}
