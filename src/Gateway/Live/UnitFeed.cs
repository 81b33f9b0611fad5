using System.Collections.Immutable;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// The one upstream subscription of this gateway process to one unit: a grain observer registered
/// with the unit and renewed before it expires, fanned out to every client watching the unit.
/// Fan-out copies a reference into each client's bounded mailbox, nothing more, so the observer
/// callback is as fast with one slow client as with none. The feed also keeps the unit's latest
/// scores (<see cref="Scores"/>), which <see cref="ScoresCache"/> answers reads from.
/// </summary>
internal sealed class UnitFeed : IUnitWatcher
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private ScoresSnapshot? _scores;
    private long _bypassUntilTicks;
    private readonly TimeSpan _renew;
    private readonly ILogger _logger;
    private ImmutableArray<LiveSubscriber> _subscribers = [];
    private IUnitWatcher? _reference;
    private Timer? _renewTimer;
    private long _version;
    private int _renewing;

    public UnitFeed(string code, IGrainFactory grains, TimeProvider time, TimeSpan renew, ILogger logger)
    {
        Code = code;
        _grains = grains;
        _time = time;
        _renew = renew;
        _logger = logger;
        Started = StartAsync();
    }

    public string Code { get; }

    /// <summary>Completes once the unit has registered the watch; faults if it could not.</summary>
    public Task Started { get; }

    public int Count => _subscribers.Length;

    /// <summary>Until when reads keep this feed although no client watches it, in UTC ticks: set by reads on any thread, read by the registry's sweep.</summary>
    private long _readHeldUntilTicks;

    /// <summary>A read of the unit keeps this feed for <see cref="UnitFeeds.ReadHold"/> from <paramref name="now"/>.</summary>
    public void KeepForReads(DateTimeOffset now) => Interlocked.Exchange(ref _readHeldUntilTicks, (now + UnitFeeds.ReadHold).UtcTicks);

    /// <summary>Whether a read within <see cref="UnitFeeds.ReadHold"/> before <paramref name="now"/> keeps this feed.</summary>
    public bool HeldForReads(DateTimeOffset now) => Interlocked.Read(ref _readHeldUntilTicks) > now.UtcTicks;

    /// <summary>
    /// The latest scores the unit told or confirmed, unless a write through this gateway or a gap
    /// in the notifications made them suspect (<see cref="Bypass"/>, <see cref="RenewAsync"/>).
    /// </summary>
    public ScoresSnapshot? Scores =>
        _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _bypassUntilTicks) ? null : Volatile.Read(ref _scores);

    /// <summary>
    /// Distrust the kept scores until <paramref name="until"/>: a write just went to the unit, and a
    /// notification already on its way, from before the write, must not make them look current.
    /// </summary>
    public void Bypass(DateTimeOffset until)
    {
        Interlocked.Exchange(ref _bypassUntilTicks, until.UtcTicks);
        Volatile.Write(ref _scores, null);
    }

    /// <summary>1 while a read asks the unit to confirm kept scores that are past their freshness (<see cref="ScoresCache"/>).</summary>
    private int _refreshing;

    /// <summary>Claims the one refresh of the kept scores; false if another read is already asking the unit.</summary>
    public bool TryBeginRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

    public void EndRefresh() => Volatile.Write(ref _refreshing, 0);

    /// <summary>Scores read from the unit by the gateway: confirm or renew the kept ones.</summary>
    public void Observe(int? requestedYear, UnitScores read) =>
        Update(known => ScoresSnapshot.AfterRead(known, requestedYear, read, _time.GetUtcNow()));

    private void Update(Func<ScoresSnapshot?, ScoresSnapshot?> next)
    {
        // Lock-free: notifications and reads race, and each transition keeps the newer version.
        var known = Volatile.Read(ref _scores);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _scores, next(known), known);
            if (ReferenceEquals(seen, known))
            {
                return;
            }

            known = seen;
        }
    }

    public IReadOnlyList<int> Pending => [.. _subscribers.Select(s => s.Pending)];

    private IUnitGrain Unit => _grains.GetUnit(Code);

    /// <summary>Adds or removes a client; called under the registry's lock.</summary>
    public void Add(LiveSubscriber subscriber) => ImmutableInterlocked.Update(ref _subscribers, s => s.Add(subscriber));

    public void Remove(LiveSubscriber subscriber) => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscriber));

    public Task OnUnitChangedAsync(UnitChange change)
    {
        Update(known => ScoresSnapshot.AfterChange(known, change, _time.GetUtcNow()));
        Fanout(change);
        return Task.CompletedTask;
    }

    private void Fanout(UnitChange change)
    {
        if (change.Version > Interlocked.Read(ref _version))
        {
            Interlocked.Exchange(ref _version, change.Version);
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(change);
        }
    }

    private async Task StartAsync()
    {
        // Off the caller's thread: creating the reference and the first grain call should not run under the registry's lock.
        await Task.Yield();
        _reference = _grains.CreateObjectReference<IUnitWatcher>(this);
        var version = await Unit.WatchAsync(_reference) ?? throw new InvalidOperationException($"Unit '{Code}' does not exist.");
        Interlocked.Exchange(ref _version, version);
        _renewTimer = new Timer(_ => _ = RenewAsync(), null, _renew, _renew);
    }

    /// <summary>
    /// Renews the watch. If the unit's version moved past the last one we were told about, we
    /// missed notifications (the unit was reactivated and had forgotten us): fetch the scores for
    /// the years our clients watch, so they converge anyway.
    /// </summary>
    private async Task RenewAsync()
    {
        if (_reference is null || Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            var version = await Unit.WatchAsync(_reference);
            if (version is { } v && v > Interlocked.Read(ref _version))
            {
                // Notifications were missed: the kept scores are no longer known to be current.
                Volatile.Write(ref _scores, null);
                foreach (var year in _subscribers.Select(s => s.Year).Distinct())
                {
                    var scores = await Unit.GetScoresAsync(year);
                    if (scores.IsSuccess)
                    {
                        var current = scores.GetValue();
                        Fanout(new UnitChange(Code, v, [current], [], [], [], current.Year));
                    }
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Renewing the live watch of unit {Code} failed; retrying at the next renewal", Code);
        }
        finally
        {
            Interlocked.Exchange(ref _renewing, 0);
        }
    }

    /// <summary>The last client left: drop the upstream subscription so the unit stops paying for it.</summary>
    public async Task StopAsync()
    {
        try
        {
            // The last client may leave while the watch is still being registered: let that finish
            // (it creates the renewal timer) before undoing it.
            await Started;
        }
        catch
        {
            // Never started: nothing to undo upstream.
            return;
        }

        await _renewTimer!.DisposeAsync();

        try
        {
            await Unit.UnwatchAsync(_reference!);
        }
        catch (Exception e)
        {
            // The unit forgets an unrenewed watcher after WatchExpiry anyway.
            _logger.LogDebug(e, "Unwatching unit {Code} failed", Code);
        }
        finally
        {
            _grains.DeleteObjectReference<IUnitWatcher>(_reference!);
        }
    }
}
