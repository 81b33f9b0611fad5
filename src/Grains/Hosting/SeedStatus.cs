using UnitGrains.Hierarchy;

namespace UnitGrains.Hosting;

/// <summary>Where start-up seeding is, for readiness checks and for answering 503 instead of a misleading 404.</summary>
public sealed class SeedStatus : IProgress<SeedProgress>
{
    private readonly TaskCompletionSource<Snapshot> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile Snapshot _current = new(SeedState.Pending, default, null, null);

    public Snapshot Current => _current;

    /// <summary>Completes with the final snapshot once seeding is ready or has failed, for whoever must wait for it.</summary>
    public Task<Snapshot> Finished => _finished.Task;

    public void Report(SeedProgress value) => _current = _current with { State = SeedState.Seeding, Progress = value };

    public void Complete(SeedReport report) => Finish(_current with { State = SeedState.Ready, Report = report });

    public void Fail(Exception error) => Finish(_current with { State = SeedState.Failed, Error = error.Message });

    private void Finish(Snapshot final)
    {
        _current = final;
        _finished.TrySetResult(final);
    }

    public enum SeedState
    {
        Pending,
        Seeding,
        Ready,
        Failed,
    }

    public sealed record Snapshot(SeedState State, SeedProgress Progress, SeedReport? Report, string? Error);
}
