using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using ModArith.Web.Runs;
using ModArith.Web.Options;

namespace ModArith.Web.Tests.Store;

/// <summary>Checkpoint paths are stored relative to the data directory; rows from before (absolute) still resolve.</summary>
public sealed class DataPathsTests
{
    private static DataPaths On(string dataDirectory) => new(
        Microsoft.Extensions.Options.Options.Create(new DashboardOptions { DataDirectory = dataDirectory }), new Env());

    [Fact]
    public void A_checkpoint_under_the_data_directory_is_stored_relative_and_resolves_on_another_mount()
    {
        var stored = On("/mnt/a/data").ToStored("/mnt/a/data/runs/7/last.ckpt");
        Assert.Equal(Path.Combine("runs", "7", "last.ckpt"), stored);
        Assert.Equal("/srv/shared/runs/7/last.ckpt", On("/srv/shared").Resolve(stored));
    }

    [Fact]
    public void An_absolute_path_from_an_older_database_resolves_as_it_was_stored()
    {
        Assert.Equal("/old/place/runs/3/last.ckpt", On("/srv/shared").Resolve("/old/place/runs/3/last.ckpt"));
        Assert.Equal("/elsewhere/x.ckpt", On("/srv/shared").ToStored("/elsewhere/x.ckpt"));
    }

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
