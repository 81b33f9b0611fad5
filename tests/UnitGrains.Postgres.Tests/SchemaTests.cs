using Npgsql;
using UnitGrains.Storage.Postgres;

namespace UnitGrains.Postgres.Tests;

/// <summary>The schema scripts against a real, empty PostgreSQL database.</summary>
public sealed class SchemaTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private PostgresServer Server => fixture.Server;

    [Fact]
    public async Task A_fresh_database_gets_every_query_the_providers_read()
    {
        var database = await Server.CreateDatabaseAsync("schema_fresh");

        await PostgresSchema.ApplyAsync(database);

        var keys = await ReadAsync(database, "SELECT QueryKey FROM OrleansQuery ORDER BY 1");
        string[] expected =
        [
            // Clustering
            "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            // Persistence
            "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
            // Reminders
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "ReadReminderRowsKey", "UpsertReminderRowKey",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal(PostgresSchema.Scripts.Select(PostgresSchema.ScriptName), await ReadAsync(database, "SELECT Script FROM UnitGrainsSchema ORDER BY 1"));
    }

    [Fact]
    public async Task Applying_the_schema_again_or_concurrently_changes_nothing()
    {
        var database = await Server.CreateDatabaseAsync("schema_again");
        await PostgresSchema.ApplyAsync(database);
        await Execute(database, "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('kept')");
        var before = await CatalogAsync(database);

        // Four silos starting at once against the same database.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.ApplyAsync(database)));

        Assert.Equal(before, await CatalogAsync(database));
        Assert.Equal(["kept"], await ReadAsync(database, "SELECT DeploymentId FROM OrleansMembershipVersionTable"));
    }

    [Fact]
    public async Task A_write_that_names_a_stale_version_is_refused_so_no_update_is_lost()
    {
        var database = await Server.CreateDatabaseAsync("schema_versions");
        await PostgresSchema.ApplyAsync(database);
        const string write = "SELECT NewGrainStateVersion FROM unitgrains_write_state(1, 0, 0, 2, 'unit-campaigns', 'k:04', 'svc', @version, @payload)";

        var first = await ScalarAsync(database, write, null, [1]);
        var second = await ScalarAsync(database, write, null, [2]);
        var updated = await ScalarAsync(database, write, 1, [3]);
        var stale = await ScalarAsync(database, write, 1, [4]);

        Assert.Equal(1, first);
        Assert.Null(second); // a second first-write (another activation) is a conflict, not a second row
        Assert.Equal(2, updated);
        Assert.Equal(1, stale); // unchanged version = refused
        Assert.Equal(["\\x03"], await ReadAsync(database, "SELECT PayloadBinary::text FROM OrleansStorage"));
    }

    private static async Task<int?> ScalarAsync(string database, string sql, int? version, byte[] payload)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        command.Parameters.AddWithValue("payload", payload);
        return await command.ExecuteScalarAsync() is int v ? v : null;
    }

    /// <summary>Tables, columns, indexes, functions and stored queries: what a re-run could change.</summary>
    private static async Task<string> CatalogAsync(string database) => string.Join("\n",
        await ReadAsync(database, """
            SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT QueryKey || ':' || md5(QueryText) FROM OrleansQuery
            ORDER BY 1
            """));

    private static async Task<List<string>> ReadAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task Execute(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }
}
