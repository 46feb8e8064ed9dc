using ModArith.Core.Analysis;

namespace ModArith.Web.Analysis;

/// <summary>An analysis result, or why there is none: an unknown run/checkpoint (NotFound) or invalid parameters.</summary>
public sealed record AnalysisOutcome<T>(AnalysisResponse<T>? Value, string? NotFound, IReadOnlyList<ParameterError> Errors)
{
    public static AnalysisOutcome<T> Missing(string what) => new(null, what, []);
    public static AnalysisOutcome<T> Invalid(IReadOnlyList<ParameterError> errors) => new(null, null, errors);
    public static AnalysisOutcome<T> Ok(AnalysisResponse<T> value) => new(value, null, []);
}
