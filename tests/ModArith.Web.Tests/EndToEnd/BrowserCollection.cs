namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// Browser tests each start a dashboard process and a Chromium; on a 2-core machine two of them at
/// once starve each other (an analysis that takes a second alone took over 90 s), so they take turns.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
