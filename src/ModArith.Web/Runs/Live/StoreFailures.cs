using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ModArith.Web.Runs.Live;

/// <summary>Which store errors are worth retrying: the server going away or restarting, or SQLite being busy.</summary>
public static class StoreFailures
{
    public static bool IsTransient(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is NpgsqlException { IsTransient: true } or SocketException or TimeoutException) return true;
            if (x is SqliteException { SqliteErrorCode: 5 or 6 }) return true; // SQLITE_BUSY, SQLITE_LOCKED
            if (x is InvalidOperationException && x.InnerException is NpgsqlException) return true;
        }
        return false;
    }
}
