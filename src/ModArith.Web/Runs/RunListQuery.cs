namespace ModArith.Web.Runs;

/// <summary>
/// One page of the runs list as asked for: filters, order and page, all applied in the database
/// (a lab with workers has tens of thousands of runs).
/// </summary>
public sealed record RunListQuery
{
    public const int DefaultPageSize = 50;

    /// <summary>Part of the name, preset or tags (case-insensitive).</summary>
    public string Text { get; init; } = "";
    public ModArith.Data.RunStatus? Status { get; init; }
    /// <summary>One whole tag.</summary>
    public string? Tag { get; init; }
    public bool IncludeArchived { get; init; }
    /// <summary>id, name, status, idTest, oodTest or started.</summary>
    public string SortKey { get; init; } = "id";
    public bool Descending { get; init; } = true;
    /// <summary>0-based.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>A run's row in the list: the run and, for a sweep's run, its phase at the end.</summary>
public sealed record RunListRow(ModArith.Data.Run Run, string Summary, string? PhaseAtEnd, bool Transient);

/// <summary>One page of runs and how many match in all.</summary>
public sealed record RunListPage(List<RunListRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
