using System.Diagnostics;
using Npgsql;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// A real PostgreSQL server of the test's own: <c>scripts/postgres.sh</c> (the script operators use)
/// initdb-s a temporary data folder and starts it on a free loopback port, installing PostgreSQL
/// first when it is absent and we are root. Stopping and starting it is part of the fault tests.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"ug-pg-{Guid.NewGuid():N}");
    private readonly int _port = HostProcess.FreePort();

    private readonly Dictionary<string, string> _settings = [];

    public string ConnectionString { get; private set; } = "";

    public static Task<PostgresServer> StartAsync() => StartAsync(listen: null, allow: null);

    /// <summary>
    /// A server that also listens on <paramref name="listen"/> (besides loopback) and lets the
    /// network <paramref name="allow"/> connect: the silos of a <see cref="Network.NetworkLab"/>.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(string? listen, string? allow)
    {
        var server = new PostgresServer();
        if (listen is not null)
        {
            server._settings["UNITGRAINS_PGLISTEN"] = $"127.0.0.1,{listen}";
        }

        if (allow is not null)
        {
            server._settings["UNITGRAINS_PGALLOW"] = allow;
        }

        server.ConnectionString = (await server.ScriptAsync("start")).Trim();
        return server;
    }

    /// <summary>A fresh, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public Task StopAsync() => ScriptAsync("stop");

    public async Task RestartAsync() => await ScriptAsync("start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ScriptAsync("destroy");
    }

    private async Task<string> ScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, "scripts", "postgres.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["UNITGRAINS_PGDATA"] = _data, ["UNITGRAINS_PGPORT"] = _port.ToString() },
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {verb} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }
}
