using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Metadata;

namespace UnitGrains.Placement;

/// <summary>
/// Moves this silo's units to their owners when the set of silos changes. Placement alone decides
/// only where a unit is activated: units activated while a silo was alone (seeding, a restart)
/// would stay there for good, and a silo that joins would stay empty. So each silo keeps the units
/// it holds (Orleans' activation working set tells it) and, once the silos have been still for
/// <see cref="PlacementOptions.SettleSeconds"/> — and again every <see cref="PlacementOptions.SweepSeconds"/>,
/// for a unit a stale address brought back — migrates those another silo owns: state travels with
/// the unit, and the new activation is registered before the old one goes, so a caller holding
/// the old address is forwarded instead of activating the unit here again. Deepest units first, a
/// level at a time: a unit activating on its owner pulls its children, and Orleans accepts a batch
/// of migrated units only once all of them are active — a child waiting in the same batch or a
/// later one held its parent's batch until the 30 s deactivation timeout, and the unit stayed put.
/// A silo that leaves moves nothing here: its units come back on their owners among the rest at
/// their next call (their parent's reconcile pull at the latest).
/// </summary>
internal sealed partial class UnitRebalancer(
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
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
        _running = Task.WhenAll(Task.Run(WatchSilosAsync), Task.Run(RebalanceOnChangeAsync));
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

    /// <summary>Signals a change of the active silos (membership also publishes every silo's heartbeat, which changes nothing here).</summary>
    private async Task WatchSilosAsync()
    {
        try
        {
            SiloAddress[] last = [];
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var active = UnitKeyPlacementDirector.ActiveSilos(snapshot);
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
        var sweep = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                // A change of silos, or the sweep's period without one.
                using (var period = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                {
                    period.CancelAfter(sweep);
                    await _changed.Reader.WaitToReadAsync(period.Token).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
                }

                // Wait until the silos are still: silos starting together move units once, not once each.
                while (_changed.Reader.TryRead(out _))
                {
                    await Task.Delay(settle, _stopping.Token);
                }

                try
                {
                    await RebalanceAsync(PlacementSilos());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next change or sweep tries again.
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Migrates the units another silo owns now, deepest level first, a batch at a time so a join does not stall the silo.</summary>
    private async Task RebalanceAsync(SiloAddress[] silos)
    {
        var local = localSilo.SiloAddress;
        if (!silos.Contains(local))
        {
            return;
        }

        var moving = _units.Values
            .Where(unit => !UnitOwners.Owner(unit.GrainId.Key.ToString()!, silos, UnitKeyPlacementDirector.SiloName).Equals(local))
            .ToList();
        LogSwept(_units.Count, moving.Count, silos.Length);
        if (moving.Count == 0)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        LogMoving(moving.Count, _units.Count, silos.Length);
        foreach (var level in moving.GroupBy(unit => Depth(unit.GrainId.Key.ToString()!)).OrderByDescending(level => level.Key))
        {
            foreach (var batch in level.Chunk(options.Value.MigrationBatch))
            {
                // Placement sends each to its owner (UnitKeyPlacementDirector), as computed here.
                foreach (var unit in batch)
                {
                    unit.Migrate(requestContext: null);
                }

                // A unit busy with a long call leaves after it; the next batch does not wait for it forever.
                await Task.WhenAll(batch.Select(unit => unit.Deactivated)).WaitAsync(TimeSpan.FromSeconds(30), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                _stopping.Token.ThrowIfCancellationRequested();
            }
        }

        LogMoved(moving.Count, clock.Elapsed.TotalSeconds, _units.Count);
    }

    /// <summary>
    /// How deep a unit is, from its key alone: the nation is the root, and a child's code is longer
    /// than its parent's (province 42, district 436, commune 18133; departments add <c>-ABBR</c>:
    /// 42-SNV, 18133-PVHXH); a unit that ended keeps its code before the <c>@</c> (70@2025-06-30).
    /// </summary>
    internal static int Depth(string key) =>
        key == Domain.UnitCode.Nation ? 0 : key.IndexOf('@') is var at and >= 0 ? at : key.Length;

    /// <summary>The silos placement chooses among (<see cref="UnitKeyPlacementDirector.ActiveSilos"/>).</summary>
    private SiloAddress[] PlacementSilos() => UnitKeyPlacementDirector.ActiveSilos(membership.CurrentSnapshot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moving {Count} of this silo's {Held} units to their owners among {Silos} silos")]
    private partial void LogMoving(int count, int held, int silos);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Of this silo's {Held} units, {Count} belong on another of the {Silos} silos")]
    private partial void LogSwept(int held, int count, int silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moving units to their owners failed; the next change of silos or sweep tries again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} units in {Seconds:F1} s; this silo holds {Held}")]
    private partial void LogMoved(int count, double seconds, int held);
}
