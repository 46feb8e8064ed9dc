namespace ModArith.Core.Config;

/// <summary>
/// The one place a run-config key is documented. The text feeds the CLI help, the web form
/// and the API's preset listing, so it is written for a researcher, not for a programmer.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>Grouping for forms and help output (Task, Model, Optimisation, Run).</summary>
    public string Group { get; init; } = "Run";
}
