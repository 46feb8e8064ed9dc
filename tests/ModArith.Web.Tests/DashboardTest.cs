using Microsoft.Data.Sqlite;

namespace ModArith.Web.Tests;

/// <summary>A test class with its own in-process dashboard and temporary data folder, removed afterwards.</summary>
public abstract class DashboardTest : IDisposable
{
    protected DashboardFactory Factory { get; } = new();

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools(); // release the SQLite file before deleting the folder
        try { Directory.Delete(Factory.DataDirectory, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
