using System.Data.Common;
using ModArith.Web.Runs;

namespace ModArith.Web.Security;

/// <summary>
/// Checks, before the database is touched, that Dashboard:DataDirectory can hold the SQLite file and
/// the checkpoints, so a wrong folder is one clear line instead of a database stack trace.
/// </summary>
public static class DataDirectoryCheck
{
    private const string Fix = "choose a folder this user can write with --Dashboard:DataDirectory=PATH (or Dashboard__DataDirectory), or fix its permissions";

    public static void Ensure(DataPaths paths)
    {
        try
        {
            Directory.CreateDirectory(paths.Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure($"Dashboard:DataDirectory {paths.Root} cannot be created ({e.Message}); {Fix}.", e);
        }
        var probe = Path.Combine(paths.Root, $".write-check-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure($"Dashboard:DataDirectory {paths.Root} is not writable ({e.Message}); {Fix}.", e);
        }
        if (File.Exists(paths.DatabaseFile))
        {
            try
            {
                using var _ = File.Open(paths.DatabaseFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupFailure($"The database {paths.DatabaseFile} cannot be opened for writing ({e.Message}); fix its permissions or choose another Dashboard:DataDirectory.", e);
            }
        }
    }

    /// <summary>Runs the database preparation, turning a database error into a clear start-up failure.</summary>
    public static async Task GuardAsync(DataPaths paths, Func<Task> prepare)
    {
        try { await prepare(); }
        catch (DbException e)
        {
            throw new StartupFailure($"The database in Dashboard:DataDirectory {paths.Root} could not be opened or upgraded: {e.Message}", e);
        }
    }
}
