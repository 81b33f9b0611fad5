using System.Threading.Channels;
using Channel = UnitGrains.Domain.Channel;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Cluster;

/// <summary>
/// Live watchers (grain observers) on a real province: a watcher of Hà Tĩnh hears a task completed
/// at a commune of Hồng Lĩnh (437), named as the child whose counts changed; unwatching leaves the
/// unit with no watcher; unknown units refuse a watch. Only communes of 437 are written here.
/// </summary>
[Collection(ProvinceClusterCollection.Name)]
public sealed class UnitWatcherTests(ProvinceClusterFixture fixture)
{
    private const int Year = 2026;
    private const string District = "437";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IUnitGrain Unit(string code) => fixture.Grains.GetGrain<IUnitGrain>(code);

    private sealed class Recorder : IUnitWatcher
    {
        public Channel<UnitChange> Changes { get; } = System.Threading.Channels.Channel.CreateUnbounded<UnitChange>();

        public Task OnUnitChangedAsync(UnitChange change)
        {
            Changes.Writer.TryWrite(change);
            return Task.CompletedTask;
        }
    }

    private async Task<UnitChange> NextAsync(Recorder recorder, Func<UnitChange, bool> wanted, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var change = await recorder.Changes.Reader.ReadAsync(timeout.Token);
                if (wanted(change))
                {
                    return change;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Timed out waiting for {what}.");
            throw;
        }
    }

    private async Task PlanWithTaskAsync(string commune, string taskId)
    {
        var plan = new PlanDraft("Kế hoạch thông tin CCHC năm 2026", new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)), IssuedOn: new DateOnly(Year, 1, 10));
        Assert.True((await Unit(commune).PutPlanAsync(Year, plan)).IsSuccess);
        var task = new TaskDraft("Đăng tin bài CCHC", new Agency("Công chức VH-XH"), taskId, new DateOnly(Year, 2, 20), [new TaskOutputDraft("articles", 10, "bài", Channel.WebPortal)]);
        Assert.True((await Unit(commune).AddTaskAsync(Year, task)).IsSuccess);
    }

    [Fact]
    public async Task A_watcher_of_the_province_hears_a_commune_task_completed_and_which_child_changed()
    {
        const string commune = "18115";
        await PlanWithTaskAsync(commune, "news");
        var recorder = new Recorder();
        var reference = fixture.Grains.CreateObjectReference<IUnitWatcher>(recorder);
        var province = Unit(ProvinceClusterFixture.Province);
        try
        {
            var version = await province.WatchAsync(reference);
            Assert.NotNull(version);
            Assert.Equal(1, await province.GetWatcherCountAsync());

            var done = await Unit(commune).CompleteTaskAsync(Year, "news", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 10 }));
            Assert.True(done.IsSuccess);

            var change = await NextAsync(recorder, c => c.Activity.Any(a => a.Code == District && a.TasksDone == 1), "the province to name Hồng Lĩnh with one more task done");
            Assert.Equal(ProvinceClusterFixture.Province, change.Code);
            Assert.True(change.Version > version);
            var activity = change.Activity.Single(a => a.Code == District && a.Year == Year);
            Assert.Equal("Thị xã Hồng Lĩnh", activity.Name);
            var scores = change.Scores.Single(s => s.Year == Year);
            Assert.Equal(change.Version, scores.Version);
            Assert.True((await province.GetScoresAsync(Year)).GetValue().Subtree.Counts.TasksDone >= scores.Subtree.Counts.TasksDone);
        }
        finally
        {
            await province.UnwatchAsync(reference);
            fixture.Grains.DeleteObjectReference<IUnitWatcher>(reference);
        }

        Assert.Equal(0, await province.GetWatcherCountAsync());
    }

    [Fact]
    public async Task An_escalation_raised_below_is_reported_as_raised_and_then_resolved()
    {
        const string commune = "18118";
        var recorder = new Recorder();
        var reference = fixture.Grains.CreateObjectReference<IUnitWatcher>(recorder);
        var district = Unit(District);
        try
        {
            Assert.NotNull(await district.WatchAsync(reference));

            // The task is due before "today" (2 March 2026 on the fake clock): adding it makes it overdue at once.
            await PlanWithTaskAsync(commune, "overdue");
            var raised = await NextAsync(recorder, c => c.EscalationsRaised.Any(e => e.OriginCode == commune), "the overdue task to be raised");
            // Issuing the plan resolved the commune's overdue plan as the task was raised: its count may not move.
            Assert.Contains(raised.Activity, a => a.Code == commune && a.TasksDue >= 1);

            Assert.True((await Unit(commune).CompleteTaskAsync(Year, "overdue", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 3 }))).IsSuccess);
            var resolved = await NextAsync(recorder, c => c.EscalationsResolved.Any(e => e.OriginCode == commune), "the escalation to be resolved");
            Assert.Contains(resolved.Activity, a => a.Code == commune && a.TasksDone == 1 && a.OpenEscalations <= -1);
        }
        finally
        {
            await district.UnwatchAsync(reference);
            fixture.Grains.DeleteObjectReference<IUnitWatcher>(reference);
        }
    }

    [Fact]
    public async Task Unknown_units_refuse_a_watch_and_unwatched_units_have_no_watchers()
    {
        var recorder = new Recorder();
        var reference = fixture.Grains.CreateObjectReference<IUnitWatcher>(recorder);
        try
        {
            Assert.Null(await Unit("99999").WatchAsync(reference));
            Assert.Equal(0, await Unit("99999").GetWatcherCountAsync());
            Assert.Equal(0, await Unit("18121").GetWatcherCountAsync());

            // Watching twice with the same reference is one watcher (a renewal), not two.
            await Unit("18121").WatchAsync(reference);
            await Unit("18121").WatchAsync(reference);
            Assert.Equal(1, await Unit("18121").GetWatcherCountAsync());
        }
        finally
        {
            await Unit("18121").UnwatchAsync(reference);
            fixture.Grains.DeleteObjectReference<IUnitWatcher>(reference);
        }

        Assert.Equal(0, await Unit("18121").GetWatcherCountAsync());
    }
}
