namespace ModArith.Core.Analysis;

/// <summary>One problem with an analysis request: which parameter, and which rule it breaks.</summary>
public sealed record ParameterError(string Parameter, string Message)
{
    public override string ToString() => $"{Parameter}: {Message}";
}
