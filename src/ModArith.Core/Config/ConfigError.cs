namespace ModArith.Core.Config;

/// <summary>One problem with a run config: which key, and which rule it breaks.</summary>
public sealed record ConfigError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Thrown when a config cannot be used; carries every problem found, not just the first.</summary>
public sealed class InvalidConfigException(IReadOnlyList<ConfigError> errors)
    : Exception("Invalid run config:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
