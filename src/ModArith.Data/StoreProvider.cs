namespace ModArith.Data;

/// <summary>Which database holds the runs: a SQLite file (embedded, the default) or a shared PostgreSQL (cluster).</summary>
public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}
