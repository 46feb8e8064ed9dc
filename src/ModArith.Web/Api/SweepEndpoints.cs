using ModArith.Core.Sweeps;
using ModArith.Web.Api.OpenApi;
using ModArith.Web.Sweeps;

namespace ModArith.Web.Api;

/// <summary>The sweep API under /api: launch a grid of runs, follow it, cancel it.</summary>
public static class SweepEndpoints
{
    public static IEndpointRouteBuilder MapSweepApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Sweeps");
        api.MapGet("/sweep-presets", () => SweepPresets.All.Select(s => s.ToJson()).ToList())
            .Produces<List<SweepRequest>>()
            .WithSummary("Ready sweeps").WithDescription("Each ready sweep is exactly a body for POST /api/sweeps.");
        var sweeps = api.MapGroup("/sweeps");
        sweeps.MapPost("/", Create).WithMetadata(new JsonBodyDoc(typeof(SweepRequest), "The sweep: a name, a base config and the grid of values to sweep over it."))
            .Produces<SweepDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Launch a sweep")
            .WithDescription("Expands the grid over the base config into runs, stores them in one transaction and queues them; 201 with the sweep. "
                + "400 problem details name each field: `grid` (empty, or more runs than Dashboard:MaxSweepRuns), `grid.alpha[1]`, `base.steps`, unknown keys.");
        sweeps.MapGet("/", (SweepReader reader, CancellationToken ct) => reader.ListAsync(ct))
            .WithSummary("Every sweep").WithDescription("All sweeps with status and progress, without their runs.");
        sweeps.MapGet("/{id:int}", Get).WithMetadata(SweepId)
            .Produces<SweepDto>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("One sweep").WithDescription("The sweep with every run: swept values, accuracies at best o.o.d. and at the end, phases and the transient flag.");
        sweeps.MapPost("/{id:int}/cancel", Cancel).WithMetadata(SweepId)
            .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status404NotFound)
            .WithSummary("Cancel a sweep").WithDescription("Cancels every queued and running run of the sweep (202, also when nothing was left to cancel).");
        return app;
    }

    private static readonly ParameterDoc SweepId = ParameterDoc.Path("id", "The sweep's id.");

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
