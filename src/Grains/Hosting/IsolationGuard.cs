using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using UnitGrains.Storage;

namespace UnitGrains.Hosting;

/// <summary>
/// Checks every second whether this silo still reaches PostgreSQL (a fresh connection and
/// <c>SELECT 1</c>) or any other active silo (a TCP connection to its silo port), and stops the
/// silo the way Orleans stops one declared dead (<see cref="IFatalErrorHandler"/>) when
/// <see cref="Isolation"/> says so. The bound is the time the others need to declare it dead
/// (<c>ProbeTimeout × NumMissedProbesLimit</c>), unless <c>UnitGrains:Isolation:StopAfterSeconds</c>
/// sets it. A silo that stopped rejoins as a new silo when it is started again (its supervisor's
/// restart: Kubernetes, systemd, a test).
/// </summary>
internal sealed partial class IsolationGuard(
    StorageSettings storage,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IFatalErrorHandler fatal,
    IOptions<ClusterMembershipOptions> membershipOptions,
    IConfiguration configuration,
    ILogger<IsolationGuard> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(IsolationGuard), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _running = Task.Run(WatchAsync);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_running is { } running)
        {
            await running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private TimeSpan StopAfter =>
        configuration.GetValue<double?>("UnitGrains:Isolation:StopAfterSeconds") is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : membershipOptions.Value.ProbeTimeout * membershipOptions.Value.NumMissedProbesLimit;

    private async Task WatchAsync()
    {
        var isolation = new Isolation(StopAfter);
        var database = new NpgsqlConnectionStringBuilder(storage.Database) { Timeout = (int)CheckTimeout.TotalSeconds, CommandTimeout = (int)CheckTimeout.TotalSeconds, Pooling = false }.ConnectionString;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var peers = OtherActiveSilos();
                var (reachedDatabase, reachedPeer) = (ReachesDatabaseAsync(database), ReachesAnyAsync(peers));
                (isolation, var verdict) = isolation.Observe(DateTimeOffset.UtcNow, await reachedDatabase, await reachedPeer, peers.Count > 0);
                if (verdict == IsolationVerdict.Stop)
                {
                    var reason = $"Silo {localSilo.SiloAddress} has reached neither the database nor any of {peers.Count} other silos for {isolation.StopAfter.TotalSeconds:F0} s: it is cut off from the cluster, which reactivates its units elsewhere. It stops rather than serve state the others may have changed; start it again to rejoin.";
                    LogStopping(reason);
                    fatal.OnFatalException(this, reason, null);
                    return;
                }

                if (verdict == IsolationVerdict.Wait)
                {
                    LogCutOff(isolation.CutOffSince!.Value);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private List<IPEndPoint> OtherActiveSilos() =>
        [.. membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(m => m.SiloAddress.Endpoint)];

    private async Task<bool> ReachesDatabaseAsync(string database)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(_stopping.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(_stopping.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<bool> ReachesAnyAsync(IReadOnlyList<IPEndPoint> peers)
    {
        if (peers.Count == 0)
        {
            return false;
        }

        var attempts = peers.Select(async peer =>
        {
            using var socket = new Socket(peer.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(CheckTimeout);
            try
            {
                await socket.ConnectAsync(peer, timeout.Token);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !_stopping.IsCancellationRequested)
            {
                return false;
            }
        });
        return (await Task.WhenAll(attempts)).Any(reached => reached);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
    private partial void LogStopping(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo has reached neither the database nor another silo since {Since:O}")]
    private partial void LogCutOff(DateTimeOffset since);
}
