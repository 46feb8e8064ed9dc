using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Runs;

namespace ModArith.Web.Tests;

/// <summary>The wall time shown before launch comes from earlier runs of the same shape on this machine.</summary>
public sealed class RunTimeEstimatorTests : DashboardTest
{
    private static RunConfig Small(int steps) => ConfigLoader.Load(null, ["preset=cpu-small", $"steps={steps}"]);

    [Fact]
    public async Task The_estimate_is_steps_over_the_median_speed_of_runs_of_that_shape_and_none_for_an_unseen_shape()
    {
        using var scope = Factory.Services.CreateScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContextAsync())
        {
            foreach (var (speed, seed) in new[] { (10.0, 1), (20.0, 2), (40.0, 3) })
                db.Runs.Add(new Run { Name = "measured", ConfigJson = ConfigJson.Serialize(Small(500) with { Seed = seed }), CreatedAt = DateTimeOffset.UtcNow, Status = RunStatus.Completed, StepsPerSecond = speed });
            await db.SaveChangesAsync();
        }
        var estimator = scope.ServiceProvider.GetRequiredService<RunTimeEstimator>();

        // Two runs of 1000 and 3000 steps at the median 20 steps/s: 200 s. Seed and steps do not change the shape.
        var estimate = await estimator.EstimateAsync([Small(1000), Small(3000) with { Seed = 9 }]);
        Assert.Equal(200, estimate.Seconds!.Value, 6);
        Assert.Contains("median of 3 earlier runs", estimate.Basis);

        var unseen = await estimator.EstimateAsync([Small(1000) with { DModel = 128 }]);
        Assert.Null(unseen.Seconds);
        Assert.Contains("no run of this shape", unseen.Basis);
    }
}
