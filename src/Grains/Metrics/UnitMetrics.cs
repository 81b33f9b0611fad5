using System.Diagnostics.Metrics;

namespace UnitGrains.Metrics;

/// <summary>The system's own instruments, on the meter <see cref="MeterName"/>.</summary>
public sealed class UnitMetrics
{
    public const string MeterName = "UnitGrains";

    public UnitMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
    }

    public Meter Meter { get; }
}
