using System.Globalization;
using ModArith.Core.Analysis;
using Microsoft.OpenApi;
using ModArith.Web.Analysis;
using ModArith.Web.Api.OpenApi;

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
        var group = app.MapGroup("/api/runs/{id:int}/checkpoints/{checkpointId:int}").WithTags("Analysis")
            .WithMetadata(ParameterDoc.Path("id", "The run's id."), ParameterDoc.Path("checkpointId", "A checkpoint id of that run (GET /api/runs/{id}/checkpoints)."))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/attention", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.AttentionAsync(id, checkpointId, r, ct)))
            .WithMetadata([.. ContextParameters, X, Y]).Produces<AnalysisResponse<AttentionMaps>>()
            .WithSummary("Attention maps").WithDescription("Attention probabilities weights[layer][head][query][key] of every layer and head on the context plus the query (x, y), the token labels and the model's prediction.");
        group.MapGet("/neurons", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.NeuronsAsync(id, checkpointId, r, ct)))
            .WithMetadata([.. ContextParameters, Layer, Position, Top]).Produces<AnalysisResponse<NeuronMaps>>()
            .WithSummary("MLP neuron maps").WithDescription("The `top` MLP neurons with the largest variance over the p×p query grid: activation[x][y], spectrum[kx][ky] (|2-D DFT|) and dominant frequencies.");
        group.MapGet("/pca", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.PcaAsync(id, checkpointId, r, ct)))
            .WithMetadata([.. ContextParameters, Layer]).Produces<AnalysisResponse<PcaMaps>>()
            .WithSummary("PCA of head outputs").WithDescription("Per head and query position (x, y): explained variance, projections of all p² queries (point x·p + y) on the top 3 components, the components; the token embeddings likewise.");
        group.MapGet("/correctness", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.CorrectnessAsync(id, checkpointId, r, ct)))
            .WithMetadata(ContextParameters).Produces<AnalysisResponse<CorrectnessMap>>()
            .WithSummary("Correctness grid").WithDescription("The model's answer to every query (x, y) after the context, whether it is right, where ratio matching and modular regression could answer, accuracy, coverages and the context's rank over Z_p.");
        group.MapGet("/shots", (int id, int checkpointId, HttpRequest http, AnalysisService s, CancellationToken ct) =>
            Handle(http, r => s.ShotsAsync(id, checkpointId, r, ct)))
            .WithMetadata(new ParameterDoc("sequences", "Test sequences per set (i.d. and o.o.d.).", Minimum: 1, Maximum: AnalysisService.MaxSequences, Default: $"{AnalysisService.DefaultSequences}"))
            .Produces<AnalysisResponse<ShotCurves>>()
            .WithSummary("Accuracy vs shots").WithDescription("Accuracy per shot count measured now on fresh i.d. and o.o.d. test sequences, the run's own evaluation at the checkpoint's step when stored, and the paper's o.o.d. curve.");
        return app;
    }

    // The task and its context, read by every analysis but the accuracy-vs-shots one.
    private static readonly ParameterDoc[] ContextParameters =
    [
        new("a", "The task z = a·x + b·y (mod p): a in 0..p-1.", Required: true, Minimum: 0),
        new("b", "The task's b in 0..p-1.", Required: true, Minimum: 0),
        new("shots", "In-context examples before the query, 0..k-1 (default k-1, k = the run's examplesPerSequence).", Minimum: 0),
        new("seed", "Seed of the random context, drawn from the run's train pairs (default 0); ignored when `context` is given."),
        new("context", "A typed-in context `x,y,z;x,y,z;...` with exactly `shots` examples of the task (z = a·x + b·y mod p); errors name `context[i]`.", JsonSchemaType.String),
    ];

    private static readonly ParameterDoc X = new("x", "The query's x, in 0..p-1 (default 1).", Minimum: 0);
    private static readonly ParameterDoc Y = new("y", "The query's y, in 0..p-1 (default 2).", Minimum: 0);
    private static readonly ParameterDoc Layer = new("layer", "Block, 0..depth-1.", Minimum: 0, Default: "0");
    private static readonly ParameterDoc Position = new("position", "Query token whose MLP activations are read.", JsonSchemaType.String, Choices: ["x", "y", "z"], Default: "y");
    private static readonly ParameterDoc Top = new("top", "Neurons returned, the most variable first.", Minimum: 1, Maximum: AnalysisService.MaxTop, Default: $"{AnalysisService.DefaultTop}");

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
