using TaskStatus = UnitGrains.Domain.TaskStatus;
using UnitGrains.Domain;
using UnitGrains.Storage;
using UnitGrains.Tests.Domain;

namespace UnitGrains.Tests.Storage;

/// <summary>
/// Re-encoding a list reuses the bytes of records that are still the same objects. The property
/// that matters: whatever the previous encoding, the bytes equal those of encoding the list from
/// scratch, and they decode to the list.
/// </summary>
public sealed class EncodedListTests
{
    private static readonly Orleans.Serialization.Serializer Serializer = StorageSerializers.Orleans;

    private static CampaignTask Task(int i) => Samples.Task($"T{i}");

    private static EncodedList<CampaignTask> Fresh(IReadOnlyList<CampaignTask> items) => EncodedList<CampaignTask>.Encode(items, null, Serializer);

    /// <summary>The row form: what a database write would store.</summary>
    private static StoredList Row(EncodedList<CampaignTask> encoded) => StoredList.Of(encoded.Records);

    private static EncodedList<CampaignTask> Decode(StoredList row) =>
        EncodedList<CampaignTask>.Decode(row.Split(), Serializer);

    private static void AssertSameAsFresh(EncodedList<CampaignTask> encoded)
    {
        var fresh = Fresh(encoded.Items);
        Assert.Equal(Row(fresh).Bytes, Row(encoded).Bytes);
        Assert.Equal(Row(fresh).Ends, Row(encoded).Ends);
        var decoded = Decode(Row(encoded));
        Assert.Equal(encoded.Items.Select(t => (t.Id, t.Title, t.Status, t.CompletedOn)), decoded.Items.Select(t => (t.Id, t.Title, t.Status, t.CompletedOn)));
    }

    [Fact]
    public void A_changed_task_is_serialized_again_and_the_others_keep_their_very_bytes()
    {
        var tasks = Enumerable.Range(1, 5).Select(Task).ToArray();
        var first = Fresh(tasks);
        var done = Expect.Ok(tasks[2].Complete(Samples.Articles(24), Samples.Plan().Period, Samples.Today));
        var changed = tasks.ToArray();
        changed[2] = done;

        var second = EncodedList<CampaignTask>.Encode(changed, first, Serializer);

        AssertSameAsFresh(second);
        Assert.Equal(TaskStatus.Done, Decode(Row(second)).Items[2].Status);
        Assert.NotEqual(first.Records[2], second.Records[2]);
        Assert.Same(first.Records[4], second.Records[4]); // an unchanged task's bytes are the same array, not a copy
        Assert.NotSame(first.Records[2], second.Records[2]);
    }

    [Fact]
    public void The_row_form_round_trips()
    {
        var tasks = Enumerable.Range(1, 4).Select(Task).ToArray();
        var row = Row(Fresh(tasks));

        Assert.Equal(tasks.Select(t => t.Id), Decode(row).Items.Select(t => t.Id));
        Assert.Equal(row.Bytes.Length, row.Ends[^1]);
    }

    [Fact]
    public void The_same_list_is_not_encoded_again()
    {
        var tasks = new[] { Task(1), Task(2) };
        var first = Fresh(tasks);

        Assert.Same(first, EncodedList<CampaignTask>.Encode(tasks, first, Serializer));
    }

    [Fact]
    public void An_empty_list_round_trips()
    {
        var empty = Fresh([]);

        Assert.Empty(Decode(Row(empty)).Items);
        AssertSameAsFresh(EncodedList<CampaignTask>.Encode([Task(1)], empty, Serializer));
    }

    /// <summary>
    /// Random edits — replace, insert anywhere, remove anywhere, reorder, roll back to an older
    /// list — each encoded from the previous encoding: never a byte different from a fresh encoding.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Any_sequence_of_edits_encodes_like_a_fresh_encoding(int seed)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(1, 40).Select(Task).ToArray();
        var history = new List<IReadOnlyList<CampaignTask>>();
        IReadOnlyList<CampaignTask> current = pool[..10];
        var encoded = Fresh(current);
        for (var step = 0; step < 300; step++)
        {
            var next = current.ToList();
            switch (random.Next(6))
            {
                case 0 when next.Count > 0:
                    next[random.Next(next.Count)] = pool[random.Next(pool.Length)] with { Title = $"Sửa {step}" };
                    break;
                case 1:
                    next.Insert(random.Next(next.Count + 1), pool[random.Next(pool.Length)]);
                    break;
                case 2 when next.Count > 0:
                    next.RemoveAt(random.Next(next.Count));
                    break;
                case 3:
                    next.Reverse();
                    break;
                case 4 when history.Count > 0:
                    next = [.. history[random.Next(history.Count)]];
                    break;
                default:
                    next.Insert(0, pool[random.Next(pool.Length)]);
                    break;
            }

            history.Add(current);
            current = next;
            encoded = EncodedList<CampaignTask>.Encode(current, encoded, Serializer);
            AssertSameAsFresh(encoded);
        }
    }
}
