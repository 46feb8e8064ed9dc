namespace ModArith.Web.Api;

/// <summary>Why a run cannot do what was asked in its current status (409).</summary>
public sealed record ConflictDto(string Error);
