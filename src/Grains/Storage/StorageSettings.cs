using Microsoft.Extensions.Configuration;

namespace UnitGrains.Storage;

/// <summary>Where grain state, membership and reminders live.</summary>
public enum StorageKind
{
    /// <summary>In-memory state and localhost clustering: the one-command default, nothing survives a restart.</summary>
    Memory,

    /// <summary>PostgreSQL through Orleans' ADO.NET providers: durable state, multi-silo membership, reminders.</summary>
    Postgres,
}

/// <summary>
/// The storage switch, read the same way by silo, gateway and tests: <c>UnitGrains:Storage</c>
/// (<c>--storage</c>) is <c>memory</c> (default) or <c>postgres</c>; the database comes from the
/// connection string <c>ConnectionStrings:UnitGrains</c> (environment <c>ConnectionStrings__UnitGrains</c>),
/// never from code. A connection string alone does not switch storage: an operator says so.
/// </summary>
public sealed record StorageSettings(StorageKind Kind, string? ConnectionString, int JournalMaxEntries = Storage.JournalMark.DefaultMaxEntries)
{
    public const string Key = "UnitGrains:Storage";

    /// <summary>How many deltas a unit's campaigns journal holds at most before a snapshot (<see cref="Storage.JournalMark"/>).</summary>
    public const string JournalMaxEntriesKey = "UnitGrains:JournalMaxEntries";
    public const string ConnectionStringName = "UnitGrains";

    /// <summary>The ADO.NET invariant Orleans uses to find the Npgsql provider.</summary>
    public const string Invariant = "Npgsql";

    public static StorageSettings From(IConfiguration configuration)
    {
        var kind = configuration[Key] ?? "memory";
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return kind.ToLowerInvariant() switch
        {
            "memory" => new StorageSettings(StorageKind.Memory, null),
            "postgres" when string.IsNullOrWhiteSpace(connectionString) => throw new InvalidOperationException(
                $"{Key}=postgres needs a connection string: set ConnectionStrings__{ConnectionStringName} (e.g. 'Host=127.0.0.1;Port=5432;Database=unitgrains;Username=unitgrains;Password=…')."),
            "postgres" => new StorageSettings(StorageKind.Postgres, WithStatementPreparation(connectionString), ReadJournalMaxEntries(configuration)),
            _ => throw new InvalidOperationException($"{Key} is '{kind}'; expected 'memory' (default) or 'postgres'."),
        };
    }

    private static int ReadJournalMaxEntries(IConfiguration configuration)
    {
        var entries = configuration.GetValue(JournalMaxEntriesKey, Storage.JournalMark.DefaultMaxEntries);
        return entries >= 1 ? entries : throw new InvalidOperationException($"{JournalMaxEntriesKey} is {entries}; it must be at least 1.");
    }

    public bool IsPostgres => Kind == StorageKind.Postgres;

    /// <summary>
    /// Npgsql prepares the providers' few statements on the server once they repeat (state writes
    /// are the same call thousands of times a second) unless the operator set <c>Max Auto Prepare</c>
    /// (e.g. to 0 behind a transaction-pooling proxy): prepared statements carry more durable events
    /// a second (docs/benchmarks.md).
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        // Npgsql's builder reports every keyword it knows as present; ask the string itself.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 20;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string of a PostgreSQL deployment (only valid when <see cref="IsPostgres"/>).</summary>
    public string Database => ConnectionString ?? throw new InvalidOperationException("Memory storage has no database.");
}
