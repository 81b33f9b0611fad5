using Microsoft.Extensions.Configuration;
using Npgsql;
using UnitGrains.Hosting;
using UnitGrains.Storage;

namespace UnitGrains.Bench;

/// <summary>
/// Puts a benchmark's silo on in-memory storage or on a fresh PostgreSQL database, so both run
/// side by side in one process. PostgreSQL comes from <c>ConnectionStrings__UnitGrains</c>
/// (e.g. <c>export ConnectionStrings__UnitGrains=$(scripts/postgres.sh start)</c>); its user must be
/// allowed to create databases.
/// </summary>
internal static class BenchStorage
{
    private static int _databases;

    public static IReadOnlyList<string> Parse(string? arg) => (arg ?? "memory").Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static async Task ConfigureAsync(IConfiguration configuration, string storage)
    {
        configuration[StorageSettings.Key] = storage;
        if (storage != "postgres")
        {
            return;
        }

        configuration[$"ConnectionStrings:{StorageSettings.ConnectionStringName}"] = await CreateDatabaseAsync("unitgrains_bench");
    }

    /// <summary>A fresh, empty database on the server of <c>ConnectionStrings__UnitGrains</c>; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__UnitGrains")
            ?? throw new InvalidOperationException("PostgreSQL is needed: export ConnectionStrings__UnitGrains=$(scripts/postgres.sh start).");
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
