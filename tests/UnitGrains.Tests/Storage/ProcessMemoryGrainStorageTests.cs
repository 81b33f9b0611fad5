using TaskStatus = UnitGrains.Domain.TaskStatus;
using Orleans.Storage;
using UnitGrains.Domain;
using UnitGrains.Hosting;
using UnitGrains.Tests.Domain;
using UnitGrains.Storage;

namespace UnitGrains.Tests.Storage;

/// <summary>The embedded run's storage behaves like a database: copies, not shared objects; stale writers refused; one winner.</summary>
public sealed class ProcessMemoryGrainStorageTests
{
    private const string StateName = "campaigns";

    private static readonly GrainId Unit = GrainId.Create("unit", "42");

    private readonly ProcessMemoryGrainStorage _storage = new(StorageSerializers.State, StorageSerializers.Activators);

    private static GrainState<UnitCampaignsState> WithCampaign(string title)
    {
        var state = new UnitCampaignsState();
        state.Years[Samples.Year] = Samples.Campaign(Samples.PlanDraft() with { Title = title });
        return new GrainState<UnitCampaignsState>(state);
    }

    private async Task<GrainState<UnitCampaignsState>> ReadAsync()
    {
        var read = new GrainState<UnitCampaignsState>();
        await _storage.ReadStateAsync(StateName, Unit, read);
        return read;
    }

    [Fact]
    public async Task A_state_never_written_reads_as_new_and_absent()
    {
        var read = await ReadAsync();

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State!.Years);
    }

    [Fact]
    public async Task What_is_read_is_a_copy_of_what_was_written()
    {
        var written = WithCampaign("Kế hoạch A");
        written.State!.Versions[Samples.Year] = 3;
        await _storage.WriteStateAsync(StateName, Unit, written);
        written.State.Years.Clear();
        written.State.Versions[Samples.Year] = 4;

        var read = await ReadAsync();

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Kế hoạch A", read.State!.Years[Samples.Year].Plan!.Title);
        Assert.Equal(3, read.State.Versions[Samples.Year]);
    }

    [Fact]
    public async Task A_writer_holding_an_old_version_is_refused_and_changes_nothing()
    {
        var first = WithCampaign("A");
        await _storage.WriteStateAsync(StateName, Unit, first);
        var stale = await ReadAsync();
        await _storage.WriteStateAsync(StateName, Unit, first);

        stale.State!.Years[Samples.Year] = Samples.Campaign(Samples.PlanDraft() with { Title = "B" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Unit, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Unit, WithCampaign("C")));

        Assert.Equal("A", (await ReadAsync()).State!.Years[Samples.Year].Plan!.Title);
    }

    [Fact]
    public async Task Of_many_writers_holding_the_same_version_exactly_one_wins()
    {
        await _storage.WriteStateAsync(StateName, Unit, WithCampaign("start"));
        var etag = (await ReadAsync()).ETag;
        var writers = Enumerable.Range(0, 16).Select(i =>
        {
            var state = WithCampaign($"writer {i}");
            state.ETag = etag;
            return state;
        }).ToArray();

        var results = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await _storage.WriteStateAsync(StateName, Unit, w);
                return w.State!.Years[Samples.Year].Plan!.Title;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, (await ReadAsync()).State!.Years[Samples.Year].Plan!.Title);
    }

    [Fact]
    public async Task Clearing_needs_the_current_version()
    {
        var state = WithCampaign("A");
        await _storage.WriteStateAsync(StateName, Unit, state);
        var stale = new GrainState<UnitCampaignsState>(new UnitCampaignsState()) { ETag = "0" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, Unit, stale));
        await _storage.ClearStateAsync(StateName, Unit, state);

        Assert.False((await ReadAsync()).RecordExists);
        Assert.Null(state.ETag);
    }

    /// <summary>A writer that read the state before it was cleared and written again must not pass for current.</summary>
    [Fact]
    public async Task A_version_from_before_a_clear_never_matches_again()
    {
        var before = WithCampaign("A");
        await _storage.WriteStateAsync(StateName, Unit, before);
        var staleEtag = before.ETag;
        await _storage.ClearStateAsync(StateName, Unit, before);
        await _storage.WriteStateAsync(StateName, Unit, WithCampaign("B"));

        var stale = WithCampaign("C");
        stale.ETag = staleEtag;
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Unit, stale));
        Assert.Equal("B", (await ReadAsync()).State!.Years[Samples.Year].Plan!.Title);
    }

    /// <summary>
    /// Readers get maps of their own: one reader's changes are not another's. The campaigns in them
    /// are the same immutable records (a change makes a new campaign), which is what keeps a write
    /// from copying them.
    /// </summary>
    [Fact]
    public async Task Two_readers_do_not_share_what_they_read()
    {
        var written = WithCampaign("A");
        written.State!.Years[Samples.Year] = written.State.Years[Samples.Year].WithTasks(Samples.TaskDraft("T1"));
        await _storage.WriteStateAsync(StateName, Unit, written);
        var first = await ReadAsync();
        var second = await ReadAsync();

        first.State!.Years[Samples.Year] = Expect.Ok(first.State.Years[Samples.Year].CompleteTask("T1", Samples.Articles(24), Samples.Today));
        await _storage.WriteStateAsync(StateName, Unit, first);

        Assert.Equal(TaskStatus.Planned, second.State!.Years[Samples.Year].FindTask("T1")!.Status);
        Assert.Equal(TaskStatus.Done, (await ReadAsync()).State!.Years[Samples.Year].FindTask("T1")!.Status);
        Assert.NotSame(first.State.Years, second.State.Years);
        Assert.NotSame(first.State.Versions, second.State.Versions);
        Assert.Same(second.State.Years[Samples.Year].Plan, first.State.Years[Samples.Year].Plan);
    }

    [Fact]
    public async Task States_of_other_grains_and_other_names_are_apart()
    {
        await _storage.WriteStateAsync(StateName, Unit, WithCampaign("A"));

        var other = new GrainState<UnitCampaignsState>();
        await _storage.ReadStateAsync(StateName, GrainId.Create("unit", "042"), other);
        var otherName = new GrainState<UnitCampaignsState>();
        await _storage.ReadStateAsync("history", Unit, otherName);

        Assert.False(other.RecordExists);
        Assert.False(otherName.RecordExists);
    }
}
