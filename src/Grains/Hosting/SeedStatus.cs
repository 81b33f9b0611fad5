using UnitGrains.Hierarchy;

namespace UnitGrains.Hosting;

/// <summary>Where start-up seeding is, for readiness checks and for answering 503 instead of a misleading 404.</summary>
public sealed class SeedStatus : IProgress<SeedProgress>
{
    private volatile Snapshot _current = new(SeedState.Pending, default, null, null);

    public Snapshot Current => _current;

    public void Report(SeedProgress value) => _current = _current with { State = SeedState.Seeding, Progress = value };

    public void Complete(SeedReport report) => _current = _current with { State = SeedState.Ready, Report = report };

    public void Fail(Exception error) => _current = _current with { State = SeedState.Failed, Error = error.Message };

    public enum SeedState
    {
        Pending,
        Seeding,
        Ready,
        Failed,
    }

    public sealed record Snapshot(SeedState State, SeedProgress Progress, SeedReport? Report, string? Error);
}
