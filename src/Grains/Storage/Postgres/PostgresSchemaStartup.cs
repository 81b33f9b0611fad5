using Microsoft.Extensions.Logging;
using Npgsql;
using UnitGrains.Storage;

namespace UnitGrains.Storage.Postgres;

/// <summary>
/// Applies <see cref="PostgresSchema"/> before anything in the silo touches the database
/// (membership, storage and reminders all read their queries from it at start). A database that is
/// not up yet — containers starting together — is waited for, not failed on.
/// </summary>
public sealed class PostgresSchemaStartup(StorageSettings settings, ILogger<PostgresSchemaStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaStartup), ServiceLifecycleStage.First, ApplyAsync);

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgresSchema.ApplyAsync(settings.Database, cancellationToken);
                logger.LogInformation("PostgreSQL schema {Version} applied ({Count} scripts)", PostgresSchema.Version, PostgresSchema.Scripts.Count);
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("PostgreSQL is not reachable yet (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }

    /// <summary>Connection failures and a server still starting are worth waiting for; an error in a script is not.</summary>
    private static bool IsUnreachable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow,
        NpgsqlException or TimeoutException => true,
        _ => false,
    };
}
