using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hosting;
using UnitGrains.Storage.Postgres;
using UnitGrains.Tests.Domain;
using UnitGrains.Tests.Shared;
using UnitGrains.Storage;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// The campaigns journal on a real PostgreSQL, driven directly as a silo drives it: what is written
/// — appended, snapshotted, cleared — reads back exactly; stale writers are refused, also across a
/// snapshot; concurrent units share commits and lose nothing; faults fail loudly.
/// </summary>
public sealed class CampaignJournalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string StateName = "unit-campaigns";

    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(UnitCampaignsState).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    private static readonly GrainId Unit = GrainId.Create("unit", "00001");

    /// <summary>Stands in for the ADO.NET provider: where campaigns written before the journal are read from.</summary>
    private readonly ProcessMemoryGrainStorage _earlier = new(new UnitStateSerializer(Serializer), Services.GetRequiredService<IActivatorProvider>());

    private readonly List<CampaignJournalStorage> _storages = [];

    private readonly JournalMeasurements _measured = new();

    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await postgres.Server.CreateDatabaseAsync($"journal_{Guid.NewGuid():N}"[..20]);
        await PostgresSchema.ApplyAsync(_database);
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        _measured.Dispose();
    }

    private CampaignJournalStorage Storage(int maxEntries = 128, string? database = null)
    {
        var storage = new CampaignJournalStorage(_earlier, database ?? _database, Serializer, "test", maxEntries, _measured.Metrics);
        _storages.Add(storage);
        return storage;
    }

    private static async Task<GrainState<UnitCampaignsState>> ReadAsync(IGrainStorage storage, GrainId? unit = null)
    {
        var state = new GrainState<UnitCampaignsState>();
        await storage.ReadStateAsync(StateName, unit ?? Unit, state);
        return state;
    }

    private static GrainState<UnitCampaignsState> Planned(int tasks)
    {
        var state = new UnitCampaignsState();
        state.Years[Samples.Year] = Samples.Campaign().WithTasks([.. Enumerable.Range(1, tasks).Select(i => Samples.TaskDraft($"T{i}"))]);
        state.Versions[Samples.Year] = 1;
        return new GrainState<UnitCampaignsState>(state);
    }

    private static void Complete(GrainState<UnitCampaignsState> state, int task)
    {
        var campaigns = state.State!;
        campaigns.Years[Samples.Year] = Expect.Ok(campaigns.Years[Samples.Year].CompleteTask($"T{task}", Samples.Articles(task % 7 + 1), Samples.Today));
        campaigns.Versions[Samples.Year]++;
    }

    /// <summary>Completes each of <paramref name="tasks"/> in turn, writing after each, as the unit does per event.</summary>
    private static async Task CompleteAndWriteAsync(IGrainStorage storage, GrainState<UnitCampaignsState> state, IEnumerable<int> tasks, GrainId? unit = null)
    {
        foreach (var task in tasks)
        {
            Complete(state, task);
            await storage.WriteStateAsync(StateName, unit ?? Unit, state);
        }
    }

    private static string Json(UnitCampaignsState? state) =>
        JsonSerializer.Serialize(new { state!.Years, state.Versions, state.Idempotency }, ApiJson.Options);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync());
    }

    /// <summary>
    /// Forty completions, each read back by a fresh reader: with a snapshot due every eight entries
    /// the reads cross snapshots and journals of every length, and the journal never keeps what a
    /// snapshot covers.
    /// </summary>
    [Fact]
    public async Task Every_write_reads_back_exactly_across_appends_and_snapshots()
    {
        var storage = Storage(maxEntries: 8);
        var state = Planned(tasks: 40);
        await storage.WriteStateAsync(StateName, Unit, state);

        for (var task = 1; task <= 40; task++)
        {
            Complete(state, task);
            await storage.WriteStateAsync(StateName, Unit, state);

            var read = await ReadAsync(Storage());
            Assert.Equal(Json(state.State), Json(read.State));
            Assert.Equal(state.ETag, read.ETag);
            Assert.True(read.RecordExists);
        }

        Assert.Equal(41, await ScalarAsync("SELECT position FROM unitgrains_campaigns"));
        Assert.InRange(await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal"), 1, 8);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal j JOIN unitgrains_campaigns c USING (grain) WHERE j.position <= c.snapshot_position"));
    }

    [Fact]
    public async Task Most_writes_append_a_small_delta_rather_than_the_campaigns()
    {
        var storage = Storage();
        var state = Planned(tasks: 64);
        await storage.WriteStateAsync(StateName, Unit, state);
        var snapshot = await ScalarAsync("SELECT length(snapshot) FROM unitgrains_campaigns");

        await CompleteAndWriteAsync(storage, state, Enumerable.Range(1, 10));

        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal"));
        Assert.Equal(1, await ScalarAsync("SELECT snapshot_position FROM unitgrains_campaigns"));
        Assert.True(await ScalarAsync("SELECT max(length(delta)) FROM unitgrains_campaign_journal") * 10 < snapshot, "a delta is a small part of the campaigns");
    }

    /// <summary>Two activations read the same version; the second to write is refused, before or after a snapshot moved the first on.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20)]
    public async Task A_stale_writer_is_refused_however_far_behind_it_is(int aheadBy)
    {
        var first = Storage(maxEntries: 4);
        await first.WriteStateAsync(StateName, Unit, Planned(tasks: 30));
        var (winner, loser) = (await ReadAsync(first), await ReadAsync(Storage(maxEntries: 4)));

        await CompleteAndWriteAsync(first, winner, Enumerable.Range(1, aheadBy));

        Complete(loser, 30);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage(maxEntries: 4).WriteStateAsync(StateName, Unit, loser));
        Assert.Equal(Json(winner.State), Json((await ReadAsync(Storage())).State));
        Assert.Equal(1, _measured.Total("unitgrains.journal.conflicts"));
    }

    [Fact]
    public async Task Two_first_writes_of_one_unit_make_one_winner()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await Storage().WriteStateAsync(StateName, Unit, Planned(tasks: 3));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
    }

    /// <summary>
    /// 300 units writing at once through one storage share batched commits; racing each unit is a
    /// second activation with its own storage. Every write acknowledged is read back, and no
    /// position of any unit was acknowledged to both. The two storages' batches lock overlapping
    /// heads: before the heads were locked in key order, every run of this test ended in a deadlock.
    /// </summary>
    [Fact]
    public async Task Concurrent_units_and_racing_activations_lose_no_acknowledged_write()
    {
        var (main, rival) = (Storage(), Storage());
        var units = Enumerable.Range(0, 300).Select(i => GrainId.Create("unit", $"c{i:D5}")).ToArray();
        var acknowledged = await Task.WhenAll(units.Select(async unit =>
        {
            var mine = Planned(tasks: 40);
            await main.WriteStateAsync(StateName, unit, mine);
            var theirs = await ReadAsync(rival, unit);
            var wins = new List<(string Who, string ETag, string Json)>();
            for (var task = 1; task <= 20; task++)
            {
                Complete(mine, task);
                Complete(theirs, 41 - task);
                var writes = new[] { ("main", main, mine), ("rival", rival, theirs) }.Select(async w =>
                {
                    try
                    {
                        await w.Item2.WriteStateAsync(StateName, unit, w.Item3);
                        return (w.Item1, w.Item3.ETag!, Json(w.Item3.State));
                    }
                    catch (InconsistentStateException)
                    {
                        // A loser reads again and goes on from the stored state, as a new activation would.
                        var fresh = await ReadAsync(w.Item2, unit);
                        if (w.Item1 == "main") mine = fresh; else theirs = fresh;
                        return default;
                    }
                });
                wins.AddRange((await Task.WhenAll(writes)).Where(r => r.Item2 is not null));
            }

            return (unit, wins);
        }));

        var reader = Storage();
        foreach (var (unit, wins) in acknowledged)
        {
            Assert.Equal(wins.Count, wins.Select(w => w.ETag).Distinct().Count());
            var last = wins.MaxBy(w => long.Parse(w.ETag));
            var stored = await ReadAsync(reader, unit);
            Assert.Equal(last.ETag, stored.ETag);
            Assert.Equal(last.Json, Json(stored.State));
        }
    }

    /// <summary>
    /// Group commit, seen from the operators' metrics: 200 units completing tasks at once through
    /// one storage have every append committed, in far fewer commits than appends.
    /// </summary>
    [Fact]
    public async Task Concurrent_units_share_commits()
    {
        var storage = Storage();
        var units = Enumerable.Range(0, 200).Select(i => GrainId.Create("unit", $"g{i:D5}")).ToArray();
        var states = await Task.WhenAll(units.Select(async unit =>
        {
            var state = Planned(tasks: 5);
            await storage.WriteStateAsync(StateName, unit, state);
            return state;
        }));

        await Task.WhenAll(units.Select((unit, i) => CompleteAndWriteAsync(storage, states[i], Enumerable.Range(1, 5), unit)));

        Assert.Equal(200, _measured.Total("unitgrains.journal.snapshots"));
        Assert.Equal(1_000, _measured.Total("unitgrains.journal.batch.size"));
        Assert.InRange(_measured.Count("unitgrains.journal.batch.size"), 1, 500);
        Assert.Equal(_measured.Count("unitgrains.journal.batch.size"), _measured.Count("unitgrains.journal.commit.duration"));
        Assert.Equal(0, _measured.Total("unitgrains.journal.conflicts"));
        Assert.Equal(1_000, await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal"));
    }

    /// <summary>After a clear, the version before it never matches again (no ABA), and a new first write takes the row over.</summary>
    [Fact]
    public async Task A_cleared_state_reads_as_absent_refuses_writers_from_before_and_can_be_written_again()
    {
        var storage = Storage();
        var state = Planned(tasks: 5);
        await storage.WriteStateAsync(StateName, Unit, state);
        await CompleteAndWriteAsync(storage, state, [1]);
        var before = await ReadAsync(Storage());

        await storage.ClearStateAsync(StateName, Unit, state);

        var cleared = await ReadAsync(Storage());
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.ETag);
        Assert.Empty(cleared.State!.Years);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, Unit, before));

        var again = Planned(tasks: 2);
        await storage.WriteStateAsync(StateName, Unit, again);
        Assert.Equal(Json(again.State), Json((await ReadAsync(Storage())).State));
        Assert.NotEqual(before.ETag, again.ETag);
    }

    /// <summary>Campaigns stored by the ADO.NET provider before the journal existed are read from it, and their next write starts the journal.</summary>
    [Fact]
    public async Task Campaigns_written_before_the_journal_are_read_and_carried_over()
    {
        var earlier = Planned(tasks: 4);
        await _earlier.WriteStateAsync(StateName, Unit, earlier);
        var storage = Storage();

        var read = await ReadAsync(storage);
        Assert.Equal(Json(earlier.State), Json(read.State));
        Assert.StartsWith("adonet:", read.ETag);

        await CompleteAndWriteAsync(storage, read, [2, 3]);

        Assert.Equal(Json(read.State), Json((await ReadAsync(Storage())).State));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM unitgrains_campaign_journal"));
    }

    [Fact]
    public async Task A_journal_missing_an_entry_fails_the_read_instead_of_losing_a_change()
    {
        var storage = Storage();
        var state = Planned(tasks: 6);
        await storage.WriteStateAsync(StateName, Unit, state);
        await CompleteAndWriteAsync(storage, state, Enumerable.Range(1, 3));

        await ScalarAsync("WITH gone AS (DELETE FROM unitgrains_campaign_journal WHERE position = 3 RETURNING 1) SELECT count(*) FROM gone");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Storage()));
        Assert.Contains("holds 2 deltas", error.Message);
    }

    [Fact]
    public async Task An_unreachable_database_fails_reads_and_writes_as_storage_unavailable()
    {
        var closed = new NpgsqlConnectionStringBuilder(_database) { Port = HostProcess.FreePort(), Timeout = 2 }.ConnectionString;
        var storage = Storage(database: closed);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => ReadAsync(storage));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync(StateName, Unit, Planned(tasks: 1)));
    }
}

/// <summary>What the journal reported on its metrics, by instrument: sums and numbers of measurements.</summary>
internal sealed class JournalMeasurements : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Total, long Count)> _seen = new();

    public JournalMeasurements()
    {
        Metrics = new UnitGrains.Metrics.UnitMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _services);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == Metrics.Meter && instrument.Name.StartsWith("unitgrains.journal.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    public UnitGrains.Metrics.UnitMetrics Metrics { get; }

    public double Total(string instrument) => _seen.GetValueOrDefault(instrument).Total;

    public long Count(string instrument) => _seen.GetValueOrDefault(instrument).Count;

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Add(string instrument, double value) => _seen.AddOrUpdate(instrument, (value, 1), (_, seen) => (seen.Total + value, seen.Count + 1));
}
