using ModArith.Core.Sweeps;
using ModArith.Web.Sweeps;

namespace ModArith.Web.Api;

/// <summary>The sweep API under /api: launch a grid of runs, follow it, cancel it.</summary>
public static class SweepEndpoints
{
    public static IEndpointRouteBuilder MapSweepApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/sweep-presets", () => SweepPresets.All.Select(s => s.ToJson()));
        var sweeps = api.MapGroup("/sweeps");
        sweeps.MapPost("/", Create);
        sweeps.MapGet("/", (SweepReader reader, CancellationToken ct) => reader.ListAsync(ct));
        sweeps.MapGet("/{id:int}", Get);
        sweeps.MapPost("/{id:int}/cancel", Cancel);
        return app;
    }

    private static async Task<IResult> Create(HttpRequest request, SweepService service, SweepReader reader, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, ct);
        if (error is not null) return error;
        var (sweep, errors) = await service.CreateAsync(body, ct);
        if (sweep is null)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The sweep is invalid.");
        return TypedResults.Created($"/api/sweeps/{sweep.Id}", await reader.GetAsync(sweep.Id, ct));
    }

    private static async Task<IResult> Get(int id, SweepReader reader, CancellationToken ct) =>
        await reader.GetAsync(id, ct) is { } sweep ? TypedResults.Ok(sweep) : TypedResults.NotFound();

    private static async Task<IResult> Cancel(int id, SweepService service, CancellationToken ct) =>
        await service.CancelAsync(id, ct) ? TypedResults.Accepted($"/api/sweeps/{id}") : TypedResults.NotFound();
}
