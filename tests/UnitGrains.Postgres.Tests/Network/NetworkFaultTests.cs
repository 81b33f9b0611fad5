using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace UnitGrains.Postgres.Tests.Network;

/// <summary>
/// A real three-silo cluster whose silos each live in a network namespace of their own
/// (<see cref="NetworkLab"/>), under the faults only a network brings: one silo cut off from the
/// others and from PostgreSQL, and latency with loss between the silos. Writes flow through the
/// gateway (on the host) all along, as a careful client sends them: under an idempotency key,
/// retried while their fate is unknown. Skipped, with the reason, where namespaces cannot be made.
/// The windows and times are printed for docs/benchmarks.md, never asserted.
/// </summary>
public sealed class NetworkFaultTests(NetworkLabFixture lab, ITestOutputHelper output) : IClassFixture<NetworkLabFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Partition = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_silo_cut_off_for_30_s_stops_itself_its_units_answer_elsewhere_nothing_acknowledged_is_lost_and_it_rejoins()
    {
        Skip.If(lab.Unavailable is not null, lab.Unavailable);
        const int cut = 1;
        var database = await lab.CreateDatabaseAsync("net_partition");
        await using var cluster = new ProcessCluster("netsplit", database, "3level-2023", "42", network: lab.Lab);
        try
        {
            await cluster.StartAsync();
            var driver = new CampaignDriver(cluster.Http);
            var units = await driver.AllUnitsAsync();
            var everyone = Enumerable.Range(0, NetworkLabFixture.Silos).Select(cluster.SiloEndpoint).ToArray();
            await UnitPlacement.SettledAsync(cluster, units, everyone, "netsplit: before the cut", output, Patience, driver);
            var communes = (await driver.CommunesAsync()).Take(24).ToList();
            foreach (var commune in communes)
            {
                await driver.PlanAsync(commune, tasks: 16);
            }

            // Writers run through the cut, the silo's stop, its units' moves, the heal and the rejoin.
            var writes = new Writers(driver, communes, tasks: 16, pause: TimeSpan.FromMilliseconds(400));
            var writing = writes.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            var cutAt = DateTime.UtcNow;
            lab.Lab.Isolate(cut);
            var isolated = cluster.Silos[cut];
            var survivors = everyone.Where((_, i) => i != cut).ToArray();

            // It stops itself: nobody kills it, and it says why.
            await CampaignDriver.EventuallyAsync(() => Task.FromResult(isolated.HasExited ? null : "it still runs"), Patience, $"the cut-off silo stops itself:\n{isolated.Output}");
            var stoppedAfter = DateTime.UtcNow - cutAt;
            Assert.True(isolated.Printed("it is cut off from the cluster"), $"the silo exited without saying it was cut off:\n{isolated.Output}");

            // The others declare it dead in the membership table, and its units answer from them.
            await CampaignDriver.EventuallyAsync(async () => await MembershipStatusAsync(database, "netsplit", everyone[cut]) == Dead ? null : "not dead yet", Patience, "the cut-off silo is declared dead");
            var deadAfter = DateTime.UtcNow - cutAt;
            await UnitPlacement.SettledAsync(cluster, units, survivors, "netsplit: its units on the other two", output, Patience, driver);
            var movedAfter = DateTime.UtcNow - cutAt;

            // The cut lasts 30 s; then the network heals and the silo is started again, as its supervisor would.
            var rest = Partition - (DateTime.UtcNow - cutAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            lab.Lab.Heal(cut);
            var healedAt = DateTime.UtcNow;
            await cluster.RestartSiloAsync(cut);
            await UnitPlacement.SettledAsync(cluster, units, everyone, "netsplit: after the heal and the restart", output, Patience, driver);
            var rejoinedAfter = DateTime.UtcNow - healedAt;

            var done = await writing;
            AssertNothingLostNorDoubled(done);
            await AssertCountsAsync(driver, communes, done);
            var parents = await driver.ParentsAsync(units);
            await CampaignDriver.EventuallyAsync(() => driver.FirstDivergenceAsync(units, parents), Patience, "every rollup equals the recomputation");

            Figures.Record(output, "partition", $"silo {cut} cut off from silos and PostgreSQL for {Partition.TotalSeconds:F0} s: it stopped itself after {stoppedAfter.TotalSeconds:F1} s, was declared dead after {deadAfter.TotalSeconds:F1} s, its units answered from the others after {movedAfter.TotalSeconds:F1} s; after the heal, restarted and every unit back on its owner in {rejoinedAfter.TotalSeconds:F1} s");
            Figures.Record(output, "partition", Window(done, cutAt, healedAt, "during the cut") + "; " + Window(done, healedAt, DateTime.MaxValue, "after the heal"));
        }
        finally
        {
            // Healed whatever happened; the processes die with the cluster, the lab with the fixture.
            lab.Lab.Heal(cut);
        }
    }

    [SkippableFact]
    public async Task Under_100_ms_latency_and_5_percent_loss_between_silos_every_write_lands_once_and_rollups_converge()
    {
        Skip.If(lab.Unavailable is not null, lab.Unavailable);
        await using var cluster = new ProcessCluster("netem", await lab.CreateDatabaseAsync("net_latency"), "3level-2023", "42", network: lab.Lab);
        try
        {
            await cluster.StartAsync();
            var driver = new CampaignDriver(cluster.Http);
            var units = await driver.AllUnitsAsync();
            var everyone = Enumerable.Range(0, NetworkLabFixture.Silos).Select(cluster.SiloEndpoint).ToArray();
            await UnitPlacement.SettledAsync(cluster, units, everyone, "netem: before the impairment", output, Patience, driver);

            var communes = (await driver.CommunesAsync()).Take(24).ToList();
            foreach (var commune in communes)
            {
                await driver.PlanAsync(commune, tasks: 6);
            }

            lab.Lab.ImpairBetweenSilos(TimeSpan.FromMilliseconds(100), 0.05);
            var before = lab.Lab.Counted;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var done = await new Writers(driver, communes, tasks: 6, pause: TimeSpan.Zero).RunAsync();
            var written = clock.Elapsed;
            AssertNothingLostNorDoubled(done);
            await AssertCountsAsync(driver, communes, done);
            var parents = await driver.ParentsAsync(units);
            await CampaignDriver.EventuallyAsync(() => driver.FirstDivergenceAsync(units, parents), Patience, "every rollup equals the recomputation");
            var converged = clock.Elapsed;
            var after = lab.Lab.Counted;

            // The impairment really applied: frames between silos were delayed and some lost.
            Assert.True(after.Delayed > before.Delayed, "no frame between silos was delayed");
            Assert.True(after.Lost > before.Lost, "no frame between silos was lost");
            Figures.Record(output, "netem", $"100 ms and 5 % loss between silos: {done.Count} writes ({done.Sum(w => w.Attempts.Count)} attempts, {done.Count(w => w.Attempts.Count > 1)} retried) by 4 writers in {written.TotalSeconds:F1} s, p50/p99 per write {Percentile(done, 0.5):F0}/{Percentile(done, 0.99):F0} ms; every rollup found equal to the recount by a check that ended {(converged - written).TotalSeconds:F1} s after the last write (the check reads every unit, through the impaired network); frames between silos delayed {after.Delayed - before.Delayed}, lost {after.Lost - before.Lost}");
        }
        finally
        {
            lab.Lab.Unimpair();
        }
    }

    private const int Dead = 6;

    private static void AssertNothingLostNorDoubled(IReadOnlyList<Writers.Done> done)
    {
        // Every write was acknowledged in the end (retried under its key while its fate was open).
        Assert.All(done, w => Assert.True(w.Last.Acknowledged, $"{w.Last.What} at {w.Last.Unit}: {(int)w.Last.Status} {w.Last.Body} after {w.Attempts.Count} attempts"));
    }

    /// <summary>Each commune's own counts are exactly what was acknowledged: no write lost, none counted twice.</summary>
    private static async Task AssertCountsAsync(CampaignDriver driver, IReadOnlyList<string> communes, IReadOnlyList<Writers.Done> done)
    {
        foreach (var commune in communes)
        {
            foreach (var write in done.Where(w => w.Last.Unit == commune))
            {
                Assert.True(await driver.IsPresentAsync(write.Last), $"acknowledged {write.Last.What} at {commune} is lost");
            }

            var counts = await driver.OwnCountsAsync(commune);
            Assert.Equal(done.Count(w => w.Last.Unit == commune && w.Last.What.StartsWith("complete", StringComparison.Ordinal)), (int)counts["tasksDone"]!);
            Assert.Equal(done.Count(w => w.Last.Unit == commune && w.Last.What.StartsWith("report", StringComparison.Ordinal)), (int)counts["reportsSubmitted"]!);
        }
    }

    private static async Task<int?> MembershipStatusAsync(string database, string cluster, string endpoint)
    {
        var (address, port) = (endpoint[..endpoint.LastIndexOf(':')], int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM orleansmembershiptable WHERE deploymentid = @cluster AND address = @address AND port = @port ORDER BY generation DESC LIMIT 1", connection)
        {
            Parameters = { new("cluster", cluster), new("address", address), new("port", port) },
        };
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    private static string Window(IReadOnlyList<Writers.Done> done, DateTime from, DateTime to, string when) =>
        CampaignDriver.Attempt.Window([.. done.SelectMany(w => w.Attempts)], from, when, to);

    private static double Percentile(IReadOnlyList<Writers.Done> done, double p)
    {
        var waits = done.Select(w => (w.Attempts[^1].Answered - w.Attempts[0].Sent).TotalMilliseconds).Order().ToList();
        return waits[(int)Math.Min(waits.Count - 1, Math.Floor(p * waits.Count))];
    }

    /// <summary>
    /// Four writers over their own communes: every task completed (3 + task articles) and one
    /// report per commune, each write retried under its key until answered (90 s at most).
    /// </summary>
    private sealed class Writers(CampaignDriver driver, IReadOnlyList<string> communes, int tasks, TimeSpan pause)
    {
        public sealed record Done(CampaignDriver.Write Last, IReadOnlyList<CampaignDriver.Attempt> Attempts);

        public async Task<IReadOnlyList<Done>> RunAsync()
        {
            var done = new ConcurrentBag<Done>();
            var operations = communes.SelectMany(c => Enumerable.Range(-1, tasks + 1).Select(t => (Commune: c, Task: t))).ToList();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
            {
                foreach (var (commune, task) in operations.Where((_, i) => i % 4 == w))
                {
                    var (last, attempts) = await CampaignDriver.UntilAnsweredAsync(
                        key => task < 0 ? driver.ReportAsync(commune, "2026-Q1", key) : driver.CompleteAsync(commune, task, articles: 3 + task, key),
                        TimeSpan.FromSeconds(90));
                    done.Add(new Done(last, attempts));
                    await Task.Delay(pause);
                }
            }));
            return [.. done];
        }
    }
}
