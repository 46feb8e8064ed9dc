using System.ComponentModel;

namespace ModArith.Web.Api.OpenApi;

/// <summary>The body of POST /api/sweeps (and each ready sweep) as the OpenAPI document describes it; read by <see cref="Core.Sweeps.SweepParser"/>.</summary>
public sealed record SweepRequest(
    [property: Description("Shown in the sweep list and on each of its runs (at most 200 characters).")] string Name,
    [property: Description("The config every run starts from: a preset plus overrides, in the run config vocabulary.")] RunConfigDocument Base,
    SweepGridRequest Grid,
    [property: Description("Free text describing what the sweep is for.")] string? Description = null);
