using Microsoft.Extensions.Configuration;
using Npgsql;
using UnitGrains.Hosting;
using UnitGrains.Storage;

namespace UnitGrains.Tests.Storage;

public sealed class StorageSettingsTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Database=unitgrains;Username=unitgrains;Password=s3cret";

    private static StorageSettings From(params (string Key, string Value)[] values) =>
        StorageSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Memory_is_the_default_even_with_a_connection_string()
    {
        var settings = From(("ConnectionStrings:UnitGrains", Database));

        Assert.False(settings.IsPostgres);
        Assert.Throws<InvalidOperationException>(() => settings.Database);
    }

    [Theory]
    [InlineData("postgres", null, "needs a connection string")]
    [InlineData("mysql", Database, "expected 'memory'")]
    public void A_storage_that_cannot_work_is_refused_with_what_to_do(string kind, string? connection, string says)
    {
        var values = connection is null ? new[] { (StorageSettings.Key, kind) } : [(StorageSettings.Key, kind), ("ConnectionStrings:UnitGrains", connection)];

        var error = Assert.Throws<InvalidOperationException>(() => From(values));

        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void PostgreSQL_statements_are_prepared_once_they_repeat()
    {
        var settings = From((StorageSettings.Key, "postgres"), ("ConnectionStrings:UnitGrains", Database));

        var built = new NpgsqlConnectionStringBuilder(settings.Database);
        Assert.Equal(20, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal("s3cret", built.Password);
        Assert.Equal("unitgrains", built.Database);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public void An_operator_who_set_statement_preparation_keeps_it(string setting)
    {
        var settings = From((StorageSettings.Key, "postgres"), ("ConnectionStrings:UnitGrains", $"{Database};{setting}"));

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(settings.Database).MaxAutoPrepare);
    }
}
