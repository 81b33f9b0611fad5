using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Storage;
using UnitGrains.Tests.Domain;

namespace UnitGrains.Tests.Storage;

/// <summary>A journal's deltas: small, and a snapshot with its deltas applied in order is the campaigns record for record.</summary>
public sealed class CampaignsDeltaTests
{
    private static readonly DateTimeOffset Now = new(2022, 5, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly Orleans.Serialization.Serializer Serializer = StorageSerializers.Orleans;

    private static UnitCampaignsState State(int tasks = 12)
    {
        var drafts = Enumerable.Range(1, tasks).Select(i => Samples.TaskDraft($"T{i}")).ToArray();
        var state = new UnitCampaignsState();
        state.Years[Samples.Year] = Samples.Campaign().WithTasks(drafts);
        state.Versions[Samples.Year] = 1;
        return state;
    }

    private static string Json(UnitCampaignsState state) =>
        JsonSerializer.Serialize(new { state.Years, state.Versions, state.Idempotency }, ApiJson.Options);

    private static void Complete(UnitCampaignsState state, string task, decimal articles = 3)
    {
        state.Years[Samples.Year] = Expect.Ok(state.Years[Samples.Year].CompleteTask(task, Samples.Articles(articles), Samples.Today));
        state.Versions[Samples.Year]++;
    }

    /// <summary>The delta as a journal stores it: through Orleans' serializer and back.</summary>
    private static CampaignsDelta Stored(CampaignsDelta delta) => Serializer.Deserialize<CampaignsDelta>(Serializer.SerializeToArray(delta))!;

    [Fact]
    public void Completing_one_task_of_twelve_sends_that_task_alone_and_applies_back_to_the_same_campaigns()
    {
        var state = State();
        var before = state.Encoding.Encode(state, Serializer);
        Complete(state, "T7");
        var after = state.Encoding.Encode(state, Serializer);

        var delta = CampaignsDelta.Between(before, after);

        var year = Assert.Single(delta.Years);
        Assert.Null(year.Plan);
        Assert.Null(year.Reports);
        Assert.Single(year.Tasks!.Added);
        Assert.Equal([0, 6, -1, 1, 7, 5], year.Tasks.Runs);
        Assert.Null(delta.Idempotency);
        Assert.Equal(2, delta.Versions[Samples.Year]);
        var applied = Stored(delta).ApplyTo(before);
        Assert.Equal(after.Years[Samples.Year].Tasks.Select(Convert.ToBase64String), applied.Years[Samples.Year].Tasks.Select(Convert.ToBase64String));
        Assert.Same(before.Years[Samples.Year].Tasks[0], applied.Years[Samples.Year].Tasks[0]);
        Assert.True(Serializer.SerializeToArray(delta).Length * 5 < Serializer.SerializeToArray(after.ToStored()).Length, "a completion's delta is a fraction of the campaigns");
    }

    [Fact]
    public void Nothing_changed_is_a_delta_of_versions_only()
    {
        var state = State();
        var before = state.Encoding.Encode(state, Serializer);

        var delta = CampaignsDelta.Between(before, state.Encoding.Encode(state, Serializer));

        Assert.Empty(delta.Years);
        Assert.Empty(delta.RemovedYears);
        Assert.Null(delta.Idempotency);
    }

    [Fact]
    public void A_new_idempotency_record_in_front_and_expired_ones_gone_send_only_the_new_record()
    {
        var state = State();
        state.Idempotency = IdempotencyLog.Empty
            .Record(new IdempotencyKey("k1", "POST /a"), "{}"u8.ToArray(), Now)
            .Record(new IdempotencyKey("k2", "POST /b"), "{}"u8.ToArray(), Now.AddMinutes(1));
        var before = state.Encoding.Encode(state, Serializer);
        state.Idempotency = state.Idempotency.Record(new IdempotencyKey("k3", "POST /c"), "{}"u8.ToArray(), Now.AddDays(3));
        var after = state.Encoding.Encode(state, Serializer);

        var delta = CampaignsDelta.Between(before, after);

        Assert.Single(delta.Idempotency!.Added);
        Assert.Equal(after.Idempotency, Stored(delta).ApplyTo(before).Idempotency, ByteSequences.Instance);
    }

    [Fact]
    public void A_year_added_and_a_year_removed_are_carried()
    {
        var state = State();
        state.Years[Samples.Year + 1] = Campaign.Empty(Samples.Year + 1);
        var before = state.Encoding.Encode(state, Serializer);
        state.Years.Remove(Samples.Year + 1);
        state.Years[Samples.Year + 2] = Campaign.Empty(Samples.Year + 2);
        var after = state.Encoding.Encode(state, Serializer);

        var applied = Stored(CampaignsDelta.Between(before, after)).ApplyTo(before);

        Assert.Equal(after.Years.Keys.Order(), applied.Years.Keys.Order());
        Assert.Equal(after.Years[Samples.Year].Tasks, applied.Years[Samples.Year].Tasks, ByteSequences.Instance);
    }

    /// <summary>
    /// A hundred writes of random changes — completions, new tasks, reports, idempotency records —
    /// journaled from one snapshot and replayed from it give the state the grain holds, at every step.
    /// </summary>
    [Fact]
    public void A_snapshot_and_every_delta_after_it_replay_to_the_state_at_each_step()
    {
        var random = new Random(7);
        var state = State(tasks: 20);
        var snapshot = EncodedCampaigns.From(Serializer.Deserialize<StoredCampaigns>(Serializer.SerializeToArray(state.Encoding.Encode(state, Serializer).ToStored()))!);
        var written = snapshot;
        var journal = new List<byte[]>();
        var next = 21;
        for (var step = 0; step < 100; step++)
        {
            var campaign = state.Years[Samples.Year];
            switch (random.Next(4))
            {
                case 0 when campaign.Tasks.Where(t => t.Status != UnitGrains.Domain.TaskStatus.Done).ToList() is { Count: > 0 } open:
                    Complete(state, open[random.Next(open.Count)].Id, random.Next(1, 9));
                    break;
                case 0 or 1:
                    state.Years[Samples.Year] = campaign.WithTasks(Samples.TaskDraft($"T{next++}"));
                    break;
                case 2:
                    state.Idempotency = state.Idempotency.Record(new IdempotencyKey($"k{step}", "POST /x"), System.Text.Encoding.UTF8.GetBytes($"{{\"step\":{step}}}"), Now.AddHours(step * 7));
                    break;
                default:
                    state.Versions[Samples.Year]++;
                    break;
            }

            var encoded = state.Encoding.Encode(state, Serializer);
            journal.Add(Serializer.SerializeToArray(CampaignsDelta.Between(written, encoded)));
            written = encoded;

            var replayed = journal.Aggregate(snapshot, (campaigns, delta) => Serializer.Deserialize<CampaignsDelta>(delta)!.ApplyTo(campaigns));
            Assert.Equal(Json(state), Json(CampaignsEncoding.Decode(replayed, Serializer)));
        }
    }

    [Fact]
    public void A_delta_applied_to_another_version_than_it_was_made_against_fails_loudly()
    {
        var state = State();
        var before = state.Encoding.Encode(state, Serializer);
        Complete(state, "T12");
        var delta = CampaignsDelta.Between(before, state.Encoding.Encode(state, Serializer));
        var shorter = State(tasks: 3);

        var error = Assert.Throws<InvalidDataException>(() => delta.ApplyTo(shorter.Encoding.Encode(shorter, Serializer)));
        Assert.Contains("another version", error.Message);
    }

    [Theory]
    [InlineData(new[] { 0, 2 }, 1)]     // runs past the records they hold
    [InlineData(new[] { -1, 2 }, 1)]    // takes more new records than it holds
    [InlineData(new[] { -1, 1 }, 2)]    // leaves a new record unused
    [InlineData(new[] { 0 }, 0)]        // an unpaired run
    [InlineData(new[] { 0, -1 }, 0)]    // a negative count
    public void A_malformed_list_delta_is_refused(int[] runs, int added)
    {
        var delta = new ListDelta(runs, [.. Enumerable.Range(0, added).Select(i => new byte[] { (byte)i })]);

        Assert.Throws<InvalidDataException>(() => delta.ApplyTo([[9]]));
    }

    /// <summary>Lists edited at random (records inserted, removed, replaced) come back record for record, sharing what was kept.</summary>
    [Fact]
    public void Random_edits_of_a_list_apply_back_exactly()
    {
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var before = Enumerable.Range(0, random.Next(0, 30)).Select(i => new byte[] { (byte)i }).ToList();
            var after = before.ToList();
            for (var edit = random.Next(0, 5); edit > 0; edit--)
            {
                var at = random.Next(0, after.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        after.Insert(at, [(byte)(100 + edit)]);
                        break;
                    case 1 when at < after.Count:
                        after.RemoveAt(at);
                        break;
                    case 2 when at < after.Count:
                        after[at] = [(byte)(200 + edit)];
                        break;
                }
            }

            var applied = ListDelta.Between(before, after)?.ApplyTo(before) ?? [.. before];

            Assert.Equal(after.Count, applied.Length);
            Assert.All(after.Zip(applied), pair => Assert.Same(pair.First, pair.Second));
        }
    }

    [Fact]
    public void A_snapshot_is_due_when_the_journal_would_outgrow_it_or_reach_its_entry_cap()
    {
        var mark = JournalMark.AfterSnapshot(EncodedCampaigns.Empty, snapshotBytes: 1_000);

        Assert.False(mark.SnapshotDue(1_000));
        Assert.True(mark.SnapshotDue(1_001));
        var grown = mark.AfterAppend(EncodedCampaigns.Empty, 600);
        Assert.False(grown.SnapshotDue(400));
        Assert.True(grown.SnapshotDue(401));
        Assert.True(grown.SnapshotDue(1, maxEntries: 1));
        Assert.False(grown.SnapshotDue(1, maxEntries: 2));
    }

    private sealed class ByteSequences : IEqualityComparer<byte[]>
    {
        public static readonly ByteSequences Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => bytes.Length;
    }
}
