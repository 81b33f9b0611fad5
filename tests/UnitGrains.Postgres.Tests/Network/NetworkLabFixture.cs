namespace UnitGrains.Postgres.Tests.Network;

/// <summary>
/// A <see cref="NetworkLab"/> of three silo namespaces and a PostgreSQL server listening on the
/// lab's host address, for one test class; each test makes its own database. Where a lab cannot be
/// built (not root, no <c>ip</c>, no namespaces) nothing is started and <see cref="Unavailable"/>
/// says why: the tests skip with that reason.
/// </summary>
public sealed class NetworkLabFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public string? Unavailable { get; private set; }

    public NetworkLab Lab { get; private set; } = null!;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Unavailable = await NetworkLab.UnavailableBecauseAsync();
        if (Unavailable is not null)
        {
            return;
        }

        Lab = await NetworkLab.StartAsync(Silos);
        try
        {
            Server = await PostgresServer.StartAsync(listen: NetworkLab.HostAddress, allow: NetworkLab.Subnet);
        }
        catch
        {
            await Lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh database, reached through the lab's host address (from the namespaces as from the host).</summary>
    public async Task<string> CreateDatabaseAsync(string name) =>
        new Npgsql.NpgsqlConnectionStringBuilder(await Server.CreateDatabaseAsync(name)) { Host = NetworkLab.HostAddress }.ConnectionString;

    public async Task DisposeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        try
        {
            await Server.DisposeAsync();
        }
        finally
        {
            await Lab.DisposeAsync();
        }
    }
}
