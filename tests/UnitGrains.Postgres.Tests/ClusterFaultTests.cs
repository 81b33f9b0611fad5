using System.Collections.Concurrent;
using System.Net;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// Faults against a real three-silo cluster of processes on a real PostgreSQL: a silo killed with
/// SIGKILL while writes flow, the whole cluster stopped and started again, two writers racing on
/// one unit.
/// </summary>
public sealed class ClusterFaultTests(PostgresFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_silo_killed_while_writes_flow_loses_no_acknowledged_write_and_every_rollup_converges()
    {
        await using var cluster = new ProcessCluster("kill", await fixture.Server.CreateDatabaseAsync("fault_kill"), "3level-2023", "42");
        await cluster.StartAsync();
        var driver = new CampaignDriver(cluster.Http);
        var units = await driver.AllUnitsAsync();
        var communes = (await driver.CommunesAsync()).Take(24).ToList();
        foreach (var commune in communes)
        {
            await driver.PlanAsync(commune, tasks: 4);
        }

        // Four writers, each over its own communes; the silo dies a third of the way through.
        var writes = new ConcurrentBag<CampaignDriver.Write>();
        var timed = new ConcurrentBag<CampaignDriver.Attempt>();
        var operations = communes.SelectMany(c => Enumerable.Range(0, 4).Select(t => (c, t))).ToList();
        var killAt = operations.Count / 3;
        var killedAt = DateTime.MaxValue;
        var done = 0;
        async Task TimedAsync(Func<Task<CampaignDriver.Write>> write)
        {
            var sent = DateTime.UtcNow;
            var answer = await write();
            writes.Add(answer);
            timed.Add(new CampaignDriver.Attempt(sent, DateTime.UtcNow, answer.Status));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
        {
            foreach (var (commune, task) in operations.Where((_, i) => i % 4 == w))
            {
                await TimedAsync(() => driver.CompleteAsync(commune, task, articles: 3 + task));
                if (task == 0)
                {
                    await TimedAsync(() => driver.ReportAsync(commune, "2026-Q1"));
                }

                if (Interlocked.Increment(ref done) == killAt)
                {
                    killedAt = DateTime.UtcNow;
                    cluster.Silos[1].Kill();
                }
            }
        }));

        Assert.True(cluster.Silos[1].HasExited);
        var acknowledged = writes.Where(w => w.Acknowledged).ToList();
        Assert.True(acknowledged.Count >= writes.Count / 2, $"Only {acknowledged.Count} of {writes.Count} writes were acknowledged:\n{cluster.Logs}");
        Assert.All(writes.Where(w => !w.Acknowledged), w => Assert.True(w.Status is 0 or HttpStatusCode.ServiceUnavailable, $"{w.What} at {w.Unit}: {(int)w.Status} {w.Body}"));
        foreach (var write in acknowledged)
        {
            Assert.True(await driver.IsPresentAsync(write), $"Acknowledged {write.What} at {write.Unit} is lost");
        }

        var parents = await driver.ParentsAsync(units);
        await CampaignDriver.EventuallyAsync(() => driver.FirstDivergenceAsync(units, parents), Settle, "every rollup equals the recomputation");
        Figures.Record(output, "silo kill", CampaignDriver.Attempt.Window([.. timed], killedAt, "after kill -9 of silo 1 (no retries)"));
    }

    [Fact]
    public async Task A_gateway_killed_while_writes_flow_through_it_loses_nothing_its_clients_retry_through_the_other()
    {
        await using var cluster = new ProcessCluster("gwkill", await fixture.Server.CreateDatabaseAsync("fault_gateway"), "3level-2023", "42");
        await cluster.StartAsync(gateways: 2);
        var gateways = new[] { new CampaignDriver(cluster.Client(0)), new CampaignDriver(cluster.Client(1)) };
        var communes = (await gateways[0].CommunesAsync()).Take(24).ToList();
        foreach (var commune in communes)
        {
            await gateways[0].PlanAsync(commune, tasks: 4);
        }

        // Four writers send through gateway 1 until it fails them, then through gateway 0 under
        // the same idempotency key (what a load balancer's retry or a careful client does).
        var done = new ConcurrentBag<(CampaignDriver.Write Last, IReadOnlyList<CampaignDriver.Attempt> Attempts)>();
        var operations = communes.SelectMany(c => Enumerable.Range(0, 4).Select(t => (c, t))).ToList();
        var killAt = operations.Count / 3;
        var killedAt = DateTime.MaxValue;
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
        {
            var via = 1;
            foreach (var (commune, task) in operations.Where((_, i) => i % 4 == w))
            {
                if (Interlocked.Increment(ref sent) == killAt)
                {
                    killedAt = DateTime.UtcNow;
                    cluster.Gateways[1].Kill();
                }

                done.Add(await CampaignDriver.UntilAnsweredAsync(async key =>
                {
                    var answer = await gateways[via].CompleteAsync(commune, task, articles: 3 + task, key);
                    if (answer.Status == 0)
                    {
                        via = 0;
                    }

                    return answer;
                }, TimeSpan.FromSeconds(60)));
            }
        }));

        Assert.True(cluster.Gateways[1].HasExited);
        Assert.All(done, d => Assert.True(d.Last.Acknowledged, $"{d.Last.What} at {d.Last.Unit}: {(int)d.Last.Status} {d.Last.Body}"));
        foreach (var (last, _) in done)
        {
            Assert.True(await gateways[0].IsPresentAsync(last), $"Acknowledged {last.What} at {last.Unit} is lost");
        }

        // Each completion counted once although some were sent twice.
        foreach (var commune in communes)
        {
            Assert.Equal(4, (int)(await gateways[0].OwnCountsAsync(commune))["tasksDone"]!);
        }

        Figures.Record(output, "gateway kill", CampaignDriver.Attempt.Window([.. done.SelectMany(d => d.Attempts)], killedAt, "after kill -9 of gateway 1 (its clients retry through gateway 0)"));
    }

    [Fact]
    public async Task Stopping_and_starting_the_whole_cluster_keeps_every_unit_identical()
    {
        // Hà Nội in the 2023 list holds province 01, district 001 and commune 00001: keys the
        // ADO.NET provider would read as the same number if they were not stored as strings.
        await using var cluster = new ProcessCluster("restart", await fixture.Server.CreateDatabaseAsync("fault_restart"), "3level-2023", "01");
        await cluster.StartAsync();
        var driver = new CampaignDriver(cluster.Http);
        var units = await driver.AllUnitsAsync();
        foreach (var (commune, i) in (await driver.CommunesAsync()).Take(10).Select((c, i) => (c, i)))
        {
            await driver.PlanAsync(commune, tasks: 2);
            await driver.CompleteAsync(commune, 0, articles: i);
            await driver.ReportAsync(commune, "2026-Q2");
        }

        var before = await driver.DigestAsync(units);

        await cluster.StopAsync();
        await cluster.StartAsync();
        driver = new CampaignDriver(cluster.Http);

        Assert.Equal(units, await driver.AllUnitsAsync());
        Assert.Equal(before, await driver.DigestAsync(units));
        string[] names = [.. await Task.WhenAll(new[] { "01", "001", "00001" }.Select(async c => await cluster.Http.GetStringAsync($"/api/units/{c}")))];
        Assert.Contains("Thành phố Hà Nội", names[0]);
        Assert.Contains("Quận Ba Đình", names[1]);
        Assert.Contains("Phường Phúc Xá", names[2]);
    }

    [Fact]
    public async Task Two_writers_racing_on_one_unit_lose_no_update()
    {
        await using var cluster = new ProcessCluster("race", await fixture.Server.CreateDatabaseAsync("fault_race"), "3level-2023", "42", siloCount: 2);
        await cluster.StartAsync(gateways: 2);
        var writers = new[] { new CampaignDriver(cluster.Client(0)), new CampaignDriver(cluster.Client(1)) };
        var commune = (await writers[0].CommunesAsync())[0];
        await writers[0].PlanAsync(commune, tasks: 20);

        // Two gateways (two processes) write the same unit at once: tasks split between them, reports from both.
        var writes = await Task.WhenAll(Enumerable.Range(0, 20).Select(t => writers[t % 2].CompleteAsync(commune, t, articles: t + 1))
            .Concat(new[] { "2026-Q1", "2026-Q2", "2026-Q3" }.Select((p, i) => writers[i % 2].ReportAsync(commune, p))));

        Assert.All(writes, w => Assert.True(w.Acknowledged, $"{w.What}: {(int)w.Status} {w.Body}"));
        foreach (var write in writes)
        {
            Assert.True(await writers[1].IsPresentAsync(write), $"{write.What} was lost");
        }

        var own = (await cluster.Http.GetStringAsync($"/api/units/{commune}/scores?year=2026"));
        Assert.Contains("\"tasksDone\":20", own);
    }
}
