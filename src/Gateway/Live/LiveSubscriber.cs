using System.Threading.Channels;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// One client's mailbox. Offering never blocks and never grows without bound: scores are a
/// snapshot, so a client that falls behind keeps only the newest; activity is queued up to a
/// backlog and the oldest is dropped (and counted) beyond it. The client's own writer drains it
/// at its own pace, so a client that never reads delays nobody else.
/// </summary>
public sealed class LiveSubscriber(string code, int year, int backlog)
{
    private readonly Lock _gate = new();
    private readonly Queue<UnitChange> _activity = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private UnitScores? _latest;
    private long _taken;

    public string Code { get; } = code;

    public int Year { get; } = year;

    /// <summary>Activity dropped because this client did not keep up.</summary>
    public long DroppedActivity { get; private set; }

    /// <summary>Takes what a change means for this client's year; returns at once.</summary>
    public void Offer(UnitChange change)
    {
        var scores = change.Scores.FirstOrDefault(s => s.Year == Year);
        var forYear = change with
        {
            Scores = scores is null ? [] : [scores],
            Activity = [.. change.Activity.Where(a => a.Year == Year)],
            EscalationsRaised = [.. change.EscalationsRaised.Where(e => e.Year == Year)],
            EscalationsResolved = [.. change.EscalationsResolved.Where(e => e.Year == Year)],
        };
        lock (_gate)
        {
            if (scores is not null && scores.Version > (_latest?.Version ?? _taken))
            {
                _latest = scores;
            }

            if (forYear.Activity.Count + forYear.EscalationsRaised.Count + forYear.EscalationsResolved.Count > 0)
            {
                _activity.Enqueue(forYear);
                while (_activity.Count > backlog)
                {
                    _activity.Dequeue();
                    DroppedActivity++;
                }
            }
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>A snapshot fetched directly (on connect, or after a gap): kept if it is newer than what the client has.</summary>
    public void Offer(UnitScores scores) => Offer(new UnitChange(scores.Code, scores.Version, [scores], [], [], [], scores.Year));

    /// <summary>Waits until something is pending or <paramref name="timeout"/> passes; false on timeout.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Everything pending: the newest scores not yet sent (or null) and the queued activity, oldest first.</summary>
    public (UnitScores? Scores, IReadOnlyList<UnitChange> Activity) Take()
    {
        lock (_gate)
        {
            var scores = _latest;
            if (scores is not null)
            {
                _taken = scores.Version;
                _latest = null;
            }

            var activity = _activity.ToList();
            _activity.Clear();
            return (scores, activity);
        }
    }

    /// <summary>How many items wait (for tests and diagnostics).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _activity.Count + (_latest is null ? 0 : 1);
            }
        }
    }
}
