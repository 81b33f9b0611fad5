using System.Diagnostics.Metrics;

namespace UnitGrains.Gateway.Tests.Live;

/// <summary>
/// The gateway's count of score reads by source, from one host's meters only: every test host in
/// the process creates a meter of the same name, and their reads must not be counted here.
/// </summary>
internal sealed class ScoreReadCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _kept;
    private long _refreshing;
    private long _unit;

    public ScoreReadCounts(IMeterFactory host)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "unitgrains.gateway.score.reads" && ReferenceEquals(instrument.Meter.Scope, host))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source")
                {
                    Interlocked.Add(ref Counter((string?)tag.Value), value);
                }
            }
        });
        _listener.Start();
    }

    public long Kept => Interlocked.Read(ref _kept);

    public long Refreshing => Interlocked.Read(ref _refreshing);

    public long Unit => Interlocked.Read(ref _unit);

    public void Dispose() => _listener.Dispose();

    private ref long Counter(string? source)
    {
        switch (source)
        {
            case "kept":
                return ref _kept;
            case "refreshing":
                return ref _refreshing;
            case "unit":
                return ref _unit;
            default:
                throw new InvalidOperationException($"Unexpected source '{source}'.");
        }
    }
}
