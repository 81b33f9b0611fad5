using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Metadata;

namespace UnitGrains.Placement;

/// <summary>
/// Moves this silo's units to their owners when the set of silos changes. Placement alone decides
/// only where a unit is activated: units activated while a silo was alone (seeding, a restart)
/// would stay there for good, and a silo that joins would stay empty. So each silo keeps the units
/// it holds (Orleans' activation working set tells it) and, once membership has been still for
/// <see cref="PlacementOptions.SettleSeconds"/>, deactivates those another silo now owns and calls
/// each again, which activates it on its owner from storage — deepest units first, so a parent
/// activating finds its children already in place. (Orleans' live migration was tried first: it
/// accepts a batch of migrated units only once all of them have activated, and a unit activating
/// pulls its children, some of which were waiting in the same or a later batch — deadlocks until
/// the 30 s deactivation timeout, after which the unit stayed where it was.) A silo that leaves
/// moves nothing here: its units come back on their owners among the rest at their next call
/// (their parent's reconcile pull at the latest).
/// </summary>
internal sealed partial class UnitRebalancer(
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    IClusterManifestProvider manifest,
    GrainTypeResolver grainTypes,
    IGrainFactory grains,
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

    /// <summary>Moves the units another silo owns now, a batch at a time so a join does not stall the silo.</summary>
    private async Task RebalanceAsync()
    {
        var silos = PlacementSilos();
        var local = localSilo.SiloAddress;
        if (!silos.Contains(local))
        {
            return;
        }

        // Deepest first: a unit activating on its owner pulls its children, which should be there already.
        var moving = _units.Values
            .Where(unit => !UnitOwners.Owner(unit.GrainId.Key.ToString()!, silos, UnitKeyPlacementDirector.SiloName).Equals(local))
            .OrderByDescending(unit => Depth(unit.GrainId.Key.ToString()!))
            .ToList();
        if (moving.Count == 0)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        LogMoving(moving.Count, _units.Count, silos.Length);
        var moved = 0;
        foreach (var batch in moving.Chunk(options.Value.MigrationBatch))
        {
            foreach (var unit in batch)
            {
                unit.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "Moving to the silo that owns its key."));
            }

            // A unit busy with a long call leaves after it; the next batch does not wait for it forever.
            await Task.WhenAll(batch.Select(unit => unit.Deactivated)).WaitAsync(TimeSpan.FromSeconds(30), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            _stopping.Token.ThrowIfCancellationRequested();

            // Called again, each activates on its owner (UnitKeyPlacementDirector) and pulls its children, already moved.
            moved += (await Task.WhenAll(batch.Select(unit => WakeAsync(unit.GrainId)))).Count(woke => woke);
        }

        LogMoved(moved, moving.Count, clock.Elapsed.TotalSeconds, _units.Count);
    }

    private async Task<bool> WakeAsync(GrainId unit)
    {
        try
        {
            await grains.GetGrain<Contracts.IUnitGrain>(unit.Key.ToString()!).GetSummaryAsync();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // It comes back at its next call anyway (its parent's reconcile pull at the latest).
            LogWakeFailed(unit, e);
            return false;
        }
    }

    /// <summary>
    /// How deep a unit is, from its key alone: a child's code is longer than its parent's (province
    /// 42, district 436, commune 18133; departments add <c>-ABBR</c>: 42-SNV, 18133-PVHXH), and a
    /// unit that ended keeps its code before the <c>@</c> (70@2025-06-30).
    /// </summary>
    internal static int Depth(string key) => key.IndexOf('@') is var at and >= 0 ? at : key.Length;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Moved} of {Count} units in {Seconds:F1} s; this silo holds {Held}")]
    private partial void LogMoved(int moved, int count, double seconds, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {Unit} was moved but did not answer on its new silo; it activates at its next call")]
    private partial void LogWakeFailed(GrainId unit, Exception exception);
}
