using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace UnitGrains.Placement;

/// <summary>
/// Moves this silo's units to their owners when the set of silos changes. Placement alone decides
/// only where a unit is activated: units activated while a silo was alone (seeding, a restart)
/// would stay there for good, and a silo that joins would stay empty. So each silo keeps the units
/// it holds (Orleans' activation working set tells it) and, once membership has been still for
/// <see cref="PlacementOptions.SettleSeconds"/>, migrates those another silo now owns — state
/// travels with the migration, nothing is read again from storage. A silo that leaves moves
/// nothing here: its units come back on their owners among the rest at their next call (their
/// parent's reconcile pull at the latest).
/// </summary>
internal sealed partial class UnitRebalancer(
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    IClusterManifestProvider manifest,
    GrainTypeResolver grainTypes,
    IOptions<PlacementOptions> options,
    ILogger<UnitRebalancer> logger) : IActivationWorkingSetObserver, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<GrainId, IGrainContext> _units = new();
    private readonly GrainType _unitType = grainTypes.GetGrainType(typeof(UnitGrain));
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task? _running;

    /// <summary>Units this silo holds now.</summary>
    public int Count => _units.Count;

    public void OnAdded(IActivationWorkingSetMember member) => Track(member);

    public void OnActive(IActivationWorkingSetMember member) => Track(member);

    public void OnDeactivating(IActivationWorkingSetMember member) => Forget(member);

    public void OnDeactivated(IActivationWorkingSetMember member) => Forget(member);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UnitRebalancer), ServiceLifecycleStage.Active, Start, Stop);

    private void Track(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext context && context.GrainId.Type == _unitType)
        {
            _units.TryAdd(context.GrainId, context);
        }
    }

    private void Forget(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext context)
        {
            _units.TryRemove(new KeyValuePair<GrainId, IGrainContext>(context.GrainId, context));
        }
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(Task.Run(WatchMembershipAsync), Task.Run(RebalanceOnChangeAsync));
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

    private async Task WatchMembershipAsync()
    {
        try
        {
            var last = ImmutableArray<SiloAddress>.Empty;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var active = ActiveSilos(snapshot);
                if (!active.SequenceEqual(last))
                {
                    last = active;
                    _changed.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RebalanceOnChangeAsync()
    {
        var settle = TimeSpan.FromSeconds(options.Value.SettleSeconds);
        try
        {
            while (await _changed.Reader.WaitToReadAsync(_stopping.Token))
            {
                // Wait until membership is still: silos starting together move units once, not once each.
                do
                {
                    _changed.Reader.TryRead(out _);
                    await Task.Delay(settle, _stopping.Token);
                }
                while (_changed.Reader.TryPeek(out _));

                await RebalanceAsync();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Migrates the units another silo owns now, a batch at a time so a join does not stall the silo.</summary>
    private async Task RebalanceAsync()
    {
        var silos = PlacementSilos();
        var local = localSilo.SiloAddress;
        if (!silos.Contains(local))
        {
            return;
        }

        var moving = _units.Values
            .Select(unit => (Unit: unit, Owner: UnitOwners.Owner(unit.GrainId.Key.ToString()!, silos, UnitKeyPlacementDirector.SiloName)))
            .Where(m => !m.Owner.Equals(local))
            .ToList();
        if (moving.Count == 0)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        LogMoving(moving.Count, _units.Count, silos.Length);
        foreach (var batch in moving.Chunk(options.Value.MigrationBatch))
        {
            foreach (var (unit, owner) in batch)
            {
                unit.Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = owner });
            }

            // The next batch starts when this one has left (or after a bound: a unit busy with a long call leaves later).
            await Task.WhenAll(batch.Select(m => m.Unit.Deactivated)).WaitAsync(TimeSpan.FromSeconds(10), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            _stopping.Token.ThrowIfCancellationRequested();
        }

        LogMoved(moving.Count, clock.Elapsed.TotalSeconds, _units.Count);
    }

    /// <summary>The silos placement chooses among: active, and already known to hold unit grains (their manifest has arrived).</summary>
    private SiloAddress[] PlacementSilos()
    {
        var manifests = manifest.Current.Silos;
        return [.. ActiveSilos(membership.CurrentSnapshot).Where(s => manifests.TryGetValue(s, out var m) && m.Grains.ContainsKey(_unitType))];
    }

    private static ImmutableArray<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).Order()];

    [LoggerMessage(Level = LogLevel.Information, Message = "Silos changed: moving {Count} of this silo's {Held} units to their owners among {Silos} silos")]
    private partial void LogMoving(int count, int held, int silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} units in {Seconds:F1} s; this silo holds {Held}")]
    private partial void LogMoved(int count, double seconds, int held);
}
