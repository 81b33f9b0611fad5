using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Tests.Hosting;

/// <summary>Whoever waits for seeding (the simulation, test hosts) is woken by its end, success or failure.</summary>
public sealed class SeedStatusTests
{
    [Fact]
    public async Task Finished_waits_for_the_end_of_seeding_and_carries_its_result()
    {
        var status = new SeedStatus();
        status.Report(default);

        Assert.False(status.Finished.IsCompleted);
        status.Complete(new SeedReport("2level-2025-07", 10, 10, 0, 0, false, TimeSpan.FromSeconds(1)));

        var done = await status.Finished;
        Assert.Equal(SeedStatus.SeedState.Ready, done.State);
        Assert.Equal(10, done.Report!.Total);
        Assert.Same(done, status.Current);
    }

    [Fact]
    public async Task A_failed_seeding_also_ends_the_wait()
    {
        var status = new SeedStatus();

        status.Fail(new InvalidOperationException("no data"));

        var done = await status.Finished;
        Assert.Equal(SeedStatus.SeedState.Failed, done.State);
        Assert.Equal("no data", done.Error);
    }
}
