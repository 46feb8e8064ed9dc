using System.Globalization;
using ModArith.Core.Analysis;
using ModArith.Web.Analysis;

namespace ModArith.Web.Api;

/// <summary>
/// GET /api/runs/{id}/checkpoints/{checkpointId}/{attention|neurons|pca|correctness|shots}: the
/// interpretability analyses of one checkpoint, parameters in the query string (see
/// <see cref="AnalysisRequest"/>). 400 problem details name each bad parameter; 404 for an unknown
/// run or checkpoint.
/// </summary>
public static class AnalysisEndpoints
{
    private static readonly string[] IntegerParameters = ["a", "b", "shots", "seed", "x", "y", "layer", "top", "sequences"];
    private static readonly HashSet<string> Known = [.. IntegerParameters, "context", "position", "access_token"];

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs/{id:int}/checkpoints/{checkpointId:int}");
        group.MapGet("/attention", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.AttentionAsync(id, checkpointId, r, ct)));
        group.MapGet("/neurons", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.NeuronsAsync(id, checkpointId, r, ct)));
        group.MapGet("/pca", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.PcaAsync(id, checkpointId, r, ct)));
        group.MapGet("/correctness", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.CorrectnessAsync(id, checkpointId, r, ct)));
        group.MapGet("/shots", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.ShotsAsync(id, checkpointId, r, ct)));
        return app;
    }

    private static async Task<IResult> Handle<T>(HttpRequest http, Func<AnalysisRequest, Task<AnalysisOutcome<T>>> analyse)
    {
        var (request, errors) = Parse(http.Query);
        if (errors.Count > 0) return Invalid(errors);
        var outcome = await analyse(request);
        if (outcome.NotFound is not null) return TypedResults.Problem($"{outcome.NotFound} was not found.", statusCode: StatusCodes.Status404NotFound);
        if (outcome.Errors.Count > 0) return Invalid(outcome.Errors);
        return TypedResults.Ok(outcome.Value);
    }

    /// <summary>Query string → request; a parameter that is not a whole number or is unknown is an error naming it.</summary>
    public static (AnalysisRequest Request, List<ParameterError> Errors) Parse(IQueryCollection query)
    {
        var errors = new List<ParameterError>();
        foreach (var key in query.Keys.Where(k => !Known.Contains(k)))
            errors.Add(new ParameterError(key, $"is not a parameter of this analysis (known: {string.Join(", ", Known.Where(k => k != "access_token"))})"));
        var numbers = new Dictionary<string, int?>();
        foreach (var name in IntegerParameters)
        {
            string? text = query[name];
            if (string.IsNullOrWhiteSpace(text)) { numbers[name] = null; continue; }
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) numbers[name] = value;
            else { errors.Add(new ParameterError(name, $"must be a whole number; got '{text}'")); numbers[name] = null; }
        }
        var request = new AnalysisRequest
        {
            A = numbers["a"], B = numbers["b"], Shots = numbers["shots"], Seed = numbers["seed"], X = numbers["x"], Y = numbers["y"],
            Layer = numbers["layer"], Top = numbers["top"], Sequences = numbers["sequences"],
            Context = query.ContainsKey("context") ? query["context"].ToString() : null,
            Position = query.ContainsKey("position") ? query["position"].ToString() : null,
        };
        return (request, errors);
    }

    private static IResult Invalid(IEnumerable<ParameterError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "The request is invalid.");
}
