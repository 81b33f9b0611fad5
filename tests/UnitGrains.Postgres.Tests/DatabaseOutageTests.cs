using System.Net;
using System.Text.Json.Nodes;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// PostgreSQL stops in the middle of a load: writes fail with a clear 503, nothing is half-written,
/// and the cluster recovers by itself when the database comes back. The test has a server of its
/// own, since it stops it.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Writes_fail_with_503_while_the_database_is_down_leave_nothing_behind_and_succeed_again_after()
    {
        await using var cluster = new ProcessCluster("outage", await _server.CreateDatabaseAsync("outage"), "3level-2023", "42", siloCount: 1);
        await cluster.StartAsync();
        var driver = new CampaignDriver(cluster.Http);
        var communes = (await driver.CommunesAsync()).Take(6).ToList();
        foreach (var commune in communes)
        {
            await driver.PlanAsync(commune, tasks: 6);
        }

        // Before: writes go through.
        var before = await Task.WhenAll(communes.Select(c => driver.CompleteAsync(c, 0, articles: 1)));
        Assert.All(before, w => Assert.True(w.Acknowledged, w.Body));

        await _server.StopAsync();
        var during = new List<CampaignDriver.Write>();
        foreach (var commune in communes)
        {
            during.Add(await driver.CompleteAsync(commune, 1, articles: 2));
            during.Add(await driver.ReportAsync(commune, "2026-Q1"));
        }

        Assert.All(during, w =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, w.Status);
            var problem = JsonNode.Parse(w.Body)!;
            Assert.Equal("storage_unavailable", (string)problem["code"]!);
        });

        await _server.RestartAsync();

        // After: the same writes succeed again without restarting anything (allow the pool to reconnect).
        var after = new List<CampaignDriver.Write>();
        foreach (var commune in communes)
        {
            after.Add(await RetryAsync(() => driver.CompleteAsync(commune, 2, articles: 3)));
        }

        Assert.All(after, w => Assert.True(w.Acknowledged, $"{(int)w.Status} {w.Body}"));

        // Nothing the outage refused was stored, everything acknowledged was.
        foreach (var write in during)
        {
            Assert.False(await driver.IsPresentAsync(write), $"{write.What} at {write.Unit} was refused but is stored");
        }

        foreach (var write in before.Concat(after))
        {
            Assert.True(await driver.IsPresentAsync(write), $"{write.What} at {write.Unit} was acknowledged but is lost");
        }

        // And the grains' memory agrees with the database: a fresh cluster reads the same state.
        var units = communes.ToList();
        var live = await driver.DigestAsync(units);
        await cluster.StopAsync();
        await cluster.StartAsync();
        Assert.Equal(live, await new CampaignDriver(cluster.Http).DigestAsync(units));
    }

    private static async Task<CampaignDriver.Write> RetryAsync(Func<Task<CampaignDriver.Write>> write)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await write();
            if (result.Acknowledged || DateTime.UtcNow > deadline || result.Status != HttpStatusCode.ServiceUnavailable)
            {
                return result;
            }

            await Task.Delay(500);
        }
    }
}
