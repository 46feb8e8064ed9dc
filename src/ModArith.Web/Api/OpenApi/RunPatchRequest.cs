namespace ModArith.Web.Api.OpenApi;

/// <summary>The body of PATCH /api/runs/{id} in the OpenAPI document (read and checked by <see cref="Runs.RunChanges.Parse"/>).</summary>
/// <param name="Name">1-200 characters.</param>
/// <param name="Notes">At most 10,000 characters.</param>
/// <param name="Tags">At most 20 tags of 1-40 characters, none with a comma.</param>
/// <param name="Archived">Hidden from the runs list unless archived runs are asked for.</param>
public sealed record RunPatchRequest(string? Name, string? Notes, IReadOnlyList<string>? Tags, bool? Archived);
