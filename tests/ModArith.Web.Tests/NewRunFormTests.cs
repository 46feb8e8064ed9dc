using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Components.Pages;
using ModArith.Web.Runs;
using ModArith.Web.Runs.Live;
using ModArith.Web.Runs.Queue;
using ModArith.Web.Options;

namespace ModArith.Web.Tests;

/// <summary>The New-run form: per-field validation before submit, and a valid submit stores and queues the run.</summary>
public sealed class NewRunFormTests : BunitContext
{
    private readonly string dbFile = Path.Combine(Path.GetTempPath(), $"modarith-form-{Guid.NewGuid():N}.db");

    public NewRunFormTests()
    {
        Services.AddModArithData($"Data Source={dbFile}");
        Services.AddSingleton<InProcessRunQueue>();
        Services.AddSingleton<IRunQueue>(sp => sp.GetRequiredService<InProcessRunQueue>());
        Services.AddSingleton<RunEventChannel>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new DashboardOptions()));
        Services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        Services.AddSingleton<DataPaths>();
        Services.AddSingleton<RunNotifier>();
        Services.AddSingleton<RunService>();
        Services.AddSingleton<ModArith.Web.Runs.RunTimeEstimator>();
        // The page reads earlier runs for its time estimate: the database needs its tables.
        using var db = Services.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContext();
        db.MigrateAndEnableWalAsync().GetAwaiter().GetResult();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        File.Delete(dbFile);
    }

    [Fact]
    public void Starts_from_the_cpu_small_preset_with_every_key_explained()
    {
        var cut = Render<NewRun>();
        Assert.Equal("7", cut.Find("#f-p").GetAttribute("value"));
        Assert.Equal("20", cut.Find("#f-numTasks").GetAttribute("value"));
        Assert.Contains("Prime modulus p", cut.Markup);
        Assert.False(cut.Find("#launch").HasAttribute("disabled"));
    }

    [Fact]
    public void Invalid_values_show_a_message_on_their_own_field_and_block_launch()
    {
        var cut = Render<NewRun>();
        cut.Find("#f-p").Input("8");
        cut.Find("#f-alpha").Input("abc");
        cut.Find("#f-heads").Input("5");

        Assert.Contains("prime", cut.Find("[data-field-error=p]").TextContent);
        Assert.Contains("number", cut.Find("[data-field-error=alpha]").TextContent);
        Assert.Contains("divide", cut.Find("[data-field-error=heads]").TextContent);
        Assert.True(cut.Find("#launch").HasAttribute("disabled"));

        cut.Find("#f-p").Input("7");
        cut.Find("#f-alpha").Input("0.5");
        cut.Find("#f-heads").Input("4");
        Assert.Empty(cut.FindAll("[data-field-error]"));
        Assert.False(cut.Find("#launch").HasAttribute("disabled"));
    }

    [Fact]
    public void Choosing_a_preset_refills_the_fields()
    {
        var cut = Render<NewRun>();
        cut.Find("#preset").Change("paper-d4");
        Assert.Equal("4", cut.Find("#f-depth").GetAttribute("value"));
        Assert.Equal("512", cut.Find("#f-dModel").GetAttribute("value"));
    }

    [Fact]
    public async Task Launch_stores_the_run_queues_it_and_opens_its_page()
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<ModArithDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync()) await db.MigrateAndEnableWalAsync();

        var cut = Render<NewRun>();
        cut.Find("#name").Input("from-the-form");
        cut.Find("#f-steps").Input("123");
        await cut.Find("#launch").ClickAsync(new());

        await using var check = await dbFactory.CreateDbContextAsync();
        var run = await check.Runs.SingleAsync();
        Assert.Equal("from-the-form", run.Name);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Contains("\"steps\":123", run.ConfigJson);
        Assert.True(Services.GetRequiredService<InProcessRunQueue>().Pending.TryRead(out var queued));
        Assert.Equal(run.Id, queued);
        Assert.EndsWith($"/runs/{run.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
