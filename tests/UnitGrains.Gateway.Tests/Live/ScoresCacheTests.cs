using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Tests.Live;

/// <summary>
/// A gateway that trusts pushed scores for a whole minute and renews its watches every second: in
/// these tests a read can only be current within seconds if the push (or the renewal noticing a
/// lost watch, or the write's own invalidation) made it so — not because the minute ran out.
/// </summary>
public sealed class CachedScoresGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Live:RenewSeconds", "1"),
        new("UnitGrains:Live:CachedReadMilliseconds", "60000"),
    ];
}

/// <summary>
/// <c>GET …/scores</c> answered from the scores a unit pushes to the gateway: repeated reads do not
/// ask the unit, changes made anywhere reach the reads by push, a client reads its own write back at
/// once, a unit that forgot the gateway's watch is read afresh after the next renewal, made-up codes
/// start no watch, the number of watches kept for reads is bounded and they end when reads stop, and
/// racing pushes and reads never move the scores back.
/// </summary>
public sealed class ScoresCacheTests(CachedScoresGatewayFactory factory) : IClassFixture<CachedScoresGatewayFactory>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http = factory.CreateClient();

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    private UnitFeeds Feeds => factory.Services.GetRequiredService<UnitFeeds>();

    private async Task<JsonObject> ScoresAsync(string unit)
    {
        var response = await _http.GetAsync($"/api/units/{unit}/scores");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static int TasksDone(JsonObject scores) => (int)scores["own"]!["counts"]!["tasksDone"]!;

    /// <summary>Reads until two reads in a row are the very same answer (same version, same computation time): the gateway answers from what the unit pushed.</summary>
    private async Task<JsonObject> ReadUntilKeptAsync(string unit)
    {
        var deadline = DateTime.UtcNow + Patience;
        var previous = await ScoresAsync(unit);
        while (true)
        {
            var next = await ScoresAsync(unit);
            if (JsonNode.DeepEquals(previous, next))
            {
                return next;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Reads of {unit} were never answered from kept scores.");
            previous = next;
            await Task.Delay(20);
        }
    }

    private async Task<JsonObject> ReadUntilAsync(string unit, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var scores = await ScoresAsync(unit);
            if (condition(scores))
            {
                return scores;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}; last read: {scores.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    /// <summary>A fresh commune with a plan and the given tasks, all due in the past.</summary>
    private async Task<string> CommuneWithTasksAsync(params string[] taskIds)
    {
        var commune = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["issuedOn"] = $"{Year}-01-05";
        await _http.PutPlanAsync(commune, Year, plan);
        foreach (var id in taskIds)
        {
            await _http.AddTaskAsync(commune, Year, TestData.Task(id, $"{Year}-01-31"));
        }

        return commune;
    }

    /// <summary>Completes a task by calling the unit itself, as another gateway or the simulator would: this gateway sees no write.</summary>
    private async Task CompleteElsewhereAsync(string commune, string taskId)
    {
        var done = await Grains.GetGrain<IUnitGrain>(commune).CompleteTaskAsync(Year, taskId, new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 12 }));
        Assert.True(done.IsSuccess, string.Join("; ", done.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Repeated_reads_are_answered_from_the_pushed_scores_without_asking_the_unit()
    {
        using var counted = new ScoreReadCounts(factory.Services.GetRequiredService<IMeterFactory>());
        var commune = await CommuneWithTasksAsync("t1");

        await ReadUntilKeptAsync(commune);
        Assert.True(counted.Unit >= 1, "the first read of a unit no one watched asks the unit, and is counted so");
        Assert.NotNull(Feeds.Find(commune));

        // Let the unit settle first: its coalesced publish of the new tasks can land late on a busy
        // machine, and a renewal (every second here) that sees that version before its push drops the
        // kept scores — rightly, and the next read then asks the unit. Past a renewal and kept again,
        // nothing is left to change them.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await ReadUntilKeptAsync(commune);
        var (kept, unit) = (counted.Kept, counted.Unit);
        for (var i = 0; i < 10; i++)
        {
            // The unit computes every answer it gives at the moment it gives it; a kept one was computed before the request.
            var sent = DateTimeOffset.UtcNow;
            var computedAt = (await ScoresAsync(commune))["computedAt"]!.GetValue<DateTimeOffset>();
            Assert.True(computedAt < sent, $"read {i} was computed at {computedAt:O}, after it was sent at {sent:O}: the unit was asked");
        }

        // What operators see (unitgrains_gateway_score_reads_total): these ten answered here, none asked the unit.
        Assert.Equal((kept + 10, unit), (counted.Kept, counted.Unit));
    }

    [Fact]
    public async Task A_change_made_elsewhere_reaches_the_reads_by_push()
    {
        var commune = await CommuneWithTasksAsync("t1");
        Assert.Equal(0, TasksDone(await ReadUntilKeptAsync(commune)));

        await CompleteElsewhereAsync(commune, "t1");

        // Well within the minute the kept scores are trusted: only the push can bring the change.
        await ReadUntilAsync(commune, s => TasksDone(s) == 1, "the completed task is pushed to the gateway");
    }

    [Fact]
    public async Task A_client_reads_its_own_writes_back_at_once()
    {
        var commune = await CommuneWithTasksAsync("a", "b");
        await ReadUntilKeptAsync(commune);

        // Two completions in a row: the second one's push waits for the unit's coalescing interval,
        // so only the write's invalidation of the kept scores makes the next read see it.
        foreach (var (task, expected) in new[] { ("a", 1), ("b", 2) })
        {
            var response = await _http.PostAsJsonAsync($"{TestData.TasksUrl(commune, Year)}/{task}/complete", new { outputs = new { articles = 12 } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, TasksDone(await ScoresAsync(commune)));
        }
    }

    [Fact]
    public async Task A_unit_that_forgot_the_watch_is_read_afresh_once_the_renewal_notices()
    {
        var commune = await CommuneWithTasksAsync("t1");
        await ReadUntilKeptAsync(commune);

        // Every idle activation goes, the commune with its watchers; then it changes while nobody watches it.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await CompleteElsewhereAsync(commune, "t1");

        // The renewal (every second here) finds a version it was never told of and drops the kept scores.
        await ReadUntilAsync(commune, s => TasksDone(s) == 1, "the change made while the watch was lost is read");
    }

    [Fact]
    public async Task Reads_of_a_unit_that_does_not_exist_watch_nothing()
    {
        for (var i = 0; i < 3; i++)
        {
            await Problem.AssertAsync(await _http.GetAsync("/api/units/99998/scores"), HttpStatusCode.NotFound, "unit_not_found");
        }

        Assert.Null(Feeds.Find("99998"));
    }

    private static readonly string[] Provinces = [.. TestData.Units.Where(u => u.ParentCode is null).Select(u => u.Code).Take(4)];

    private UnitFeeds NewFeeds(TimeProvider time, int units) => new(
        Grains,
        time,
        Options.Create(new LiveOptions { CachedReadUnits = units, RenewSeconds = 5 }),
        NullLogger<UnitFeeds>.Instance);

    [Fact]
    public async Task Watches_kept_for_reads_are_bounded_and_end_when_reads_stop()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var feeds = NewFeeds(time, units: 2);
        var (first, second, third) = (Provinces[0], Provinces[1], Provinces[2]);

        Assert.NotNull(feeds.HoldForReads(first));
        Assert.NotNull(feeds.HoldForReads(second));
        Assert.Null(feeds.HoldForReads(third));
        Assert.Same(feeds.Find(first), feeds.HoldForReads(first)); // a held unit is held again, not refused
        await feeds.Find(first)!.Started;
        Assert.True(await Grains.GetGrain<IUnitGrain>(first).GetWatcherCountAsync() >= 1);

        // Reads stop: after the hold, the next sweep drops both watches, here and upstream.
        time.Advance(UnitFeeds.ReadHold + TimeSpan.FromSeconds(5));
        Assert.Null(feeds.Find(first));
        Assert.Null(feeds.Find(second));
        Assert.NotNull(feeds.HoldForReads(third));
        var deadline = DateTime.UtcNow + Patience;
        while (await Grains.GetUnit(first).GetWatcherCountAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Unit {first} still has a watcher after the sweep.");
            await Task.Delay(20);
        }
    }

    private static readonly long AboveReal = long.MaxValue / 2;

    [Fact]
    public async Task Racing_pushes_and_reads_never_move_the_scores_back()
    {
        using var feeds = NewFeeds(TimeProvider.System, units: 4);
        var feed = feeds.HoldForReads(Provinces[3])!;
        await feed.Started;
        var highest = 0L;
        var regressions = 0;
        using var stop = new CancellationTokenSource();

        var watcher = Task.Run(() =>
        {
            var seen = 0L;
            while (!stop.IsCancellationRequested)
            {
                if (feed.Scores is { } s)
                {
                    if (s.Version < seen)
                    {
                        Interlocked.Increment(ref regressions);
                    }

                    seen = Math.Max(seen, s.Version);
                }
            }
        });
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 20_000; i++)
            {
                // Above any version the real unit has, so the feed's renewal sees no gap and leaves the kept scores alone.
                var version = AboveReal + random.NextInt64(1, 1_000_000);
                InterlockedMax(ref highest, version);
                if (random.Next(2) == 0)
                {
                    await feed.OnUnitChangedAsync(ScoresSnapshotTests.Change(version, 2026, ScoresSnapshotTests.Scores(2026, version)));
                }
                else
                {
                    feed.Observe(random.Next(2) == 0 ? null : 2026, ScoresSnapshotTests.Scores(2026, version));
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await watcher;

        Assert.Equal(0, regressions);
        Assert.Equal(highest, feed.Scores!.Version);
        Assert.Equal(highest, feed.Scores.For(2026)!.Version);
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
