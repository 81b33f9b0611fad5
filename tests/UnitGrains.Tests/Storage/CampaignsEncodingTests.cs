using TaskStatus = UnitGrains.Domain.TaskStatus;
using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Tests.Domain;

namespace UnitGrains.Tests.Storage;

/// <summary>A unit's campaigns as storage holds them: everything comes back, and later writes reuse what did not change.</summary>
public sealed class CampaignsEncodingTests
{
    private static readonly DateTimeOffset Now = new(2022, 5, 10, 2, 0, 0, TimeSpan.Zero);

    private static UnitCampaignsState State()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("T1"), Samples.TaskDraft("T2"), Samples.PlainTaskDraft("T3"));
        campaign = Expect.Ok(campaign.CompleteTask("T1", Samples.Articles(20), Samples.Today));
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission($"{Samples.Year}-Q1", Summary: "Báo cáo quý I"), Samples.Today));
        var state = new UnitCampaignsState();
        state.Years[Samples.Year] = campaign;
        state.Years[Samples.Year + 1] = Campaign.Empty(Samples.Year + 1);
        state.Versions[Samples.Year] = 7;
        state.Idempotency = IdempotencyLog.Empty
            .Record(new IdempotencyKey("k1", "POST /a"), "{\"id\":\"T1\"}"u8.ToArray(), Now)
            .Record(new IdempotencyKey("k2", "POST /b"), "{\"id\":\"T2\"}"u8.ToArray(), Now.AddMinutes(1));
        return state;
    }

    private static string Json(UnitCampaignsState state) =>
        JsonSerializer.Serialize(new { state.Years, state.Versions, state.Idempotency }, ApiJson.Options);

    private static UnitCampaignsState RoundTrip(UnitCampaignsState state)
    {
        var serializer = StorageSerializers.State;
        return serializer.Deserialize<UnitCampaignsState>(serializer.Serialize(state))!;
    }

    [Fact]
    public void Campaigns_versions_and_idempotency_records_come_back_as_they_were()
    {
        var state = State();

        var back = RoundTrip(state);

        Assert.Equal(Json(state), Json(back));
        Assert.Equal(2, back.Idempotency.Records.Count);
        Assert.Single(back.Years[Samples.Year].Reports);
    }

    /// <summary>The second write reuses the bytes the first read decoded; what comes back is still exactly the state.</summary>
    [Fact]
    public void A_state_read_back_changed_and_stored_again_comes_back_with_the_change()
    {
        var back = RoundTrip(State());
        back.Years[Samples.Year] = Expect.Ok(back.Years[Samples.Year].CompleteTask("T2", Samples.Articles(24), Samples.Today));
        back.Idempotency = back.Idempotency.Record(new IdempotencyKey("k3", "POST /c"), "{}"u8.ToArray(), Now.AddMinutes(2));

        var again = RoundTrip(back);

        Assert.Equal(Json(back), Json(again));
        Assert.Equal(TaskStatus.Done, again.Years[Samples.Year].FindTask("T2")!.Status);
        Assert.Equal(3, again.Idempotency.Records.Count);
    }

    [Fact]
    public void A_year_removed_after_a_failed_first_write_is_not_stored()
    {
        var state = State();
        StorageSerializers.State.Serialize(state);
        state.Years.Remove(Samples.Year + 1);

        Assert.DoesNotContain(Samples.Year + 1, RoundTrip(state).Years.Keys);
    }

    /// <summary>Rows written before campaigns were stored record by record (the whole state graph) are still read.</summary>
    [Fact]
    public void A_state_stored_whole_by_an_earlier_version_is_read()
    {
        var state = State();
        var earlier = new BinaryData(StorageSerializers.Orleans.SerializeToArray(state));

        var read = StorageSerializers.State.Deserialize<UnitCampaignsState>(earlier)!;

        Assert.Equal(Json(state), Json(read));
        Assert.Equal(Json(read), Json(RoundTrip(read)));
    }

    [Fact]
    public void Bytes_in_no_known_form_are_refused()
    {
        var garbage = new BinaryData(new byte[] { 0x13, 0x37, 0xFF, 0x00, 0x42, 0x42, 0x42 });

        Assert.ThrowsAny<Exception>(() => StorageSerializers.State.Deserialize<UnitCampaignsState>(garbage));
    }
}
