using System.Reflection;
using Npgsql;

namespace UnitGrains.Storage.Postgres;

/// <summary>
/// Creates or updates the PostgreSQL schema the ADO.NET providers need (their scripts are not in
/// the NuGet packages). The scripts are embedded in this assembly, versioned with it, and every
/// statement in them can run again: applying them to a database that already has them changes
/// nothing, so every silo applies them at start and a fresh, empty database just works.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Serialises concurrent appliers (silos starting together) on one database.</summary>
    private const long AdvisoryLockKey = 0x556E6974_4772616E; // "UnitGran"

    private static readonly Assembly Assembly = typeof(PostgresSchema).Assembly;

    /// <summary>The scripts, in the order they must run.</summary>
    public static IReadOnlyList<string> Scripts { get; } = [.. Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("UnitGrains.Postgres.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)];

    /// <summary>The version recorded for each script: the assembly's, so a database says which build created it.</summary>
    public static string Version { get; } = Assembly.GetName().Version?.ToString() ?? "0";

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        foreach (var script in Scripts)
        {
            await ExecuteAsync(connection, await ReadAsync(script), cancellationToken);
        }

        foreach (var script in Scripts)
        {
            await using var record = new NpgsqlCommand(
                "INSERT INTO UnitGrainsSchema (Script, Version) VALUES (@script, @version) ON CONFLICT (Script) DO UPDATE SET Version = EXCLUDED.Version, AppliedOn = now()",
                connection);
            record.Parameters.AddWithValue("script", ScriptName(script));
            record.Parameters.AddWithValue("version", Version);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>"UnitGrains.Postgres.02-clustering.sql" → "02-clustering.sql".</summary>
    public static string ScriptName(string resource) => resource["UnitGrains.Postgres.".Length..];

    private static async Task<string> ReadAsync(string resource)
    {
        await using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
