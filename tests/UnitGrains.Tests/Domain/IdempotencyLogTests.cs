using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>The keys a unit remembers: replay, reuse for another request, expiry and the bound.</summary>
public sealed class IdempotencyLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static IdempotencyKey Key(string key, string fingerprint = "A") => new(key, fingerprint);

    [Fact]
    public void An_unknown_key_is_carried_out()
    {
        var outcome = IdempotencyLog.Empty.Replay(Key("k1"), Now);
        Assert.True(outcome.IsSuccess);
        Assert.Null(outcome.GetValue());
    }

    [Fact]
    public void A_known_key_with_the_same_request_answers_the_recorded_result()
    {
        var log = IdempotencyLog.Empty.Record(Key("k1"), "{\"id\":\"T1\"}"u8.ToArray(), Now);
        Assert.Equal("{\"id\":\"T1\"}"u8.ToArray(), log.Replay(Key("k1"), Now.AddMinutes(5)).GetValue()!.Reply);
    }

    [Fact]
    public void A_known_key_with_another_request_is_unprocessable()
    {
        var log = IdempotencyLog.Empty.Record(Key("k1", "A"), "{}"u8.ToArray(), Now);
        var outcome = log.Replay(Key("k1", "B"), Now);
        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorKind.Unprocessable, outcome.Errors[0].Kind);
        Assert.Equal("idempotency_key_reused", outcome.Errors[0].Code);
    }

    [Fact]
    public void A_key_is_forgotten_after_the_retention()
    {
        var log = IdempotencyLog.Empty.Record(Key("k1"), "{}"u8.ToArray(), Now);
        Assert.Null(log.Replay(Key("k1", "other"), Now + IdempotencyLog.Retention).GetValue());
        Assert.DoesNotContain(log.Record(Key("k2"), "{}"u8.ToArray(), Now + IdempotencyLog.Retention).Records, r => r.Key == "k1");
    }

    [Fact]
    public void Only_the_newest_keys_are_kept()
    {
        var log = IdempotencyLog.Empty;
        for (var i = 0; i < IdempotencyLog.Capacity + 50; i++)
        {
            log = log.Record(Key($"k{i}"), "{}"u8.ToArray(), Now.AddSeconds(i));
        }

        Assert.Equal(IdempotencyLog.Capacity, log.Records.Count);
        Assert.Null(log.Replay(Key("k0", "other"), Now.AddHours(1)).GetValue());
        Assert.NotNull(log.Replay(Key($"k{IdempotencyLog.Capacity + 49}"), Now.AddHours(1)).GetValue());
    }

    [Fact]
    public void Results_together_stay_under_the_size_bound_dropping_the_oldest()
    {
        var big = new byte[IdempotencyLog.MaxResultBytes / 4];
        var log = IdempotencyLog.Empty;
        for (var i = 0; i < 10; i++)
        {
            log = log.Record(Key($"k{i}"), big, Now.AddSeconds(i));
        }

        Assert.True(log.Records.Sum(r => r.Size) <= IdempotencyLog.MaxResultBytes);
        Assert.Equal(["k6", "k7", "k8", "k9"], log.Records.Select(r => r.Key));
    }

    [Fact]
    public void Recording_a_key_again_keeps_one_record_of_it()
    {
        var log = IdempotencyLog.Empty.Record(Key("k1"), "{}"u8.ToArray(), Now).Record(Key("k2"), "{}"u8.ToArray(), Now).Record(Key("k1"), "[]"u8.ToArray(), Now);
        Assert.Equal(["k2", "k1"], log.Records.Select(r => r.Key));
    }
}
