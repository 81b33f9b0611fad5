using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Tests.Cluster;

/// <summary>Two silos sharing one store with injectable faults, Hà Tĩnh seeded, short call timeouts.</summary>
public sealed class FaultyClusterFixture() : ClusterFixture(silos: 2)
{
    public FaultyStore Store { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Units, (sp, _) => new FaultyStorage(
            Store,
            Store.Inner,
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress));

    protected override void ConfigureClient(IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seeder.SeedAsync(ProvinceClusterFixture.LoadProvince(ProvinceClusterFixture.Province));
    }
}

/// <summary>
/// A write is stored only if its answer is a success, and a write whose answer was lost can be
/// retried under its idempotency key to get the first result without doing it twice — for every
/// kind of write, with the database failing before the commit, after it, and with the silo killed
/// between the commit and the answer. The cluster is this class's own.
/// </summary>
public sealed class WriteFaultTests(FaultyClusterFixture fixture) : IClassFixture<FaultyClusterFixture>
{
    private const int Year = 2026;

    private static readonly PlanDraft Plan = new("Kế hoạch", new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)),
        Reporting: new ReportingRegimeDraft([new ReportRequirement(ReportFrequency.Quarterly, 5)]));

    private static readonly TaskDraft Task = new("Đăng tin", new Agency("Công chức Văn hóa – Xã hội"), null, new DateOnly(Year, 6, 30), [new TaskOutputDraft("articles", 12, "bài", Channel.WebPortal)]);

    private static readonly TaskDraft Second = Task with { Id = "K2", Title = "Tin thứ hai" };

    private IUnitGrain Unit(string code) => fixture.Cluster.Client.GetGrain<IUnitGrain>(code);

    /// <summary>Each kind of write, on a commune prepared so that it succeeds once and only once.</summary>
    public static TheoryData<string> Writes => new() { "put", "import", "add", "start", "complete", "cancel", "report" };

    private static Func<IUnitGrain, IdempotencyKey, Task<object?>> Write(string kind) => kind switch
    {
        "put" => async (u, k) => Value(await u.PutPlanAsync(Year, Plan with { Title = "Kế hoạch sửa" }, null, k)),
        "import" => async (u, k) => Value(await u.ImportPlanAsync(Year, Plan, [Task with { Id = "K1" }, Second], k)),
        "add" => async (u, k) => Value(await u.AddTaskAsync(Year, Task, k)),
        "start" => async (u, k) => Value(await u.StartTaskAsync(Year, "K1", k)),
        "complete" => async (u, k) => Value(await u.CompleteTaskAsync(Year, "K1", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 5 }), k)),
        "cancel" => async (u, k) => Value(await u.CancelTaskAsync(Year, "K1", "Không cần nữa", k)),
        "report" => async (u, k) => Value(await u.SubmitReportAsync(Year, new ReportSubmission("2026-Q1"), k)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static object? Value<T>(Outcome<T> outcome) =>
        outcome.IsSuccess ? outcome.GetValue() : throw new InvalidOperationException($"The write failed as a value: {outcome.Errors[0].Code}");

    private async Task<string> PreparedAsync(string commune, string kind)
    {
        if (kind != "import")
        {
            await Unit(commune).ImportPlanAsync(Year, Plan, [Task with { Id = "K1" }]);
        }

        if (kind == "report")
        {
            fixture.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        }

        return commune;
    }

    private static string Snapshot(CampaignView? view) =>
        view is null ? "none" : System.Text.Json.JsonSerializer.Serialize(view with { AsOf = default }, ApiJson.Options);

    private async Task<CampaignView?> CampaignAsync(string commune) => (await Unit(commune).GetCampaignAsync(Year)) is { IsSuccess: true } c ? c.GetValue() : null;

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_the_database_refused_stored_nothing_and_its_retry_does_it_once(string kind)
    {
        var commune = await PreparedAsync(Communes.Next(), kind);
        var before = await CampaignAsync(commune);
        var key = new IdempotencyKey($"refused-{kind}", "f");
        fixture.Store.Arm(GrainOf(commune), WriteFault.BeforeCommit);

        await Assert.ThrowsAnyAsync<Exception>(() => Write(kind)(Unit(commune), key));
        Assert.Equal(Snapshot(before), Snapshot(await CampaignAsync(commune)));

        var retried = await Write(kind)(Unit(commune), key);
        var again = await Write(kind)(Unit(commune), key);
        var after = await CampaignAsync(commune);

        Assert.Equal(Json(retried), Json(again));
        Assert.Equal((before?.Version ?? 0) + 1, after!.Version);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_whose_acknowledgement_was_lost_answers_its_first_result_on_retry(string kind)
    {
        var commune = await PreparedAsync(Communes.Next(), kind);
        var before = await CampaignAsync(commune);
        var key = new IdempotencyKey($"lost-{kind}", "f");
        fixture.Store.Arm(GrainOf(commune), WriteFault.AfterCommit);

        await Assert.ThrowsAnyAsync<Exception>(() => Write(kind)(Unit(commune), key));
        var stored = await CampaignAsync(commune);
        var retried = await Write(kind)(Unit(commune), key);
        var after = await CampaignAsync(commune);

        // Stored once (the version moved by one), and the retry changed nothing more.
        Assert.Equal((before?.Version ?? 0) + 1, stored!.Version);
        Assert.Equal(Snapshot(stored), Snapshot(after));
        Assert.NotNull(retried);
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("put")]
    public async Task A_write_whose_silo_died_after_the_commit_answers_its_first_result_on_retry_elsewhere(string kind)
    {
        // Whichever silo the write hangs on is killed (membership is the test cluster's own, not
        // a silo's), and a new one takes its place for the next test.
        await fixture.Cluster.WaitForLivenessToStabilizeAsync();
        var commune = await PreparedAsync(Communes.Next(), kind);
        var before = await CampaignAsync(commune);
        var key = new IdempotencyKey($"killed-{kind}", "f");
        fixture.Store.Arm(GrainOf(commune), WriteFault.HangAfterCommit);

        var call = Write(kind)(Unit(commune), key);
        var silo = await fixture.Store.Hung.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(silo)));
        await fixture.Cluster.StartAdditionalSiloAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => call);

        var retried = await RetryUntilAnsweredAsync(() => Write(kind)(Unit(commune), key));
        var after = await CampaignAsync(commune);

        Assert.Equal((before?.Version ?? 0) + 1, after!.Version);
        Assert.Equal(Json(retried), Json(await Write(kind)(Unit(commune), key)));
    }

    [Fact]
    public async Task A_unit_whose_stored_state_is_out_of_bounds_still_reads_writes_and_rolls_up()
    {
        var commune = await PreparedAsync(Communes.Next(), "complete");
        Assert.True((await Unit(commune).CompleteTaskAsync(Year, "K1", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 5 }))).IsSuccess);

        // As if written before the bounds existed: an output too large for any division by its target.
        var stored = new GrainState<UnitCampaignsState>();
        await fixture.Store.Inner.ReadStateAsync(StorageNames.UnitCampaignsState, GrainOf(commune), stored);
        var campaign = stored.State!.Years[Year];
        var poisoned = campaign.Tasks[0] with { Outputs = [campaign.Tasks[0].Outputs[0] with { Target = 0.0001m, Actual = decimal.MaxValue }] };
        stored.State.Years[Year] = campaign with { Tasks = [poisoned, .. campaign.Tasks.Skip(1)] };
        await fixture.Store.Inner.WriteStateAsync(StorageNames.UnitCampaignsState, GrainOf(commune), stored);
        await fixture.Cluster.DeactivateAsync(Unit(commune));

        var view = (await Unit(commune).GetCampaignAsync(Year)).GetValue();
        var added = await Unit(commune).AddTaskAsync(Year, Task with { Title = "Sau khi hỏng" });
        var parent = (await Unit(commune).GetProfileAsync())!.ParentCode!;
        await Unit(parent).RefreshAsync(subtree: true);
        var scores = await Unit(parent).GetScoresAsync(Year);

        Assert.True(view.Tasks[0].Outputs[0].OutOfBounds);
        Assert.Contains("\"outOfBounds\":true", Json(view), StringComparison.Ordinal);
        Assert.True(added.IsSuccess);
        Assert.True(scores.IsSuccess);
        Assert.True(scores.GetValue().Subtree.Counts.TasksDone >= 1, "the parent still counts the commune's work");
    }

    [Fact]
    public async Task A_key_recorded_before_results_were_domain_records_still_replays_its_json()
    {
        var commune = await PreparedAsync(Communes.Next(), "start");
        var started = (await Unit(commune).StartTaskAsync(Year, "K1")).GetValue();

        // A record as the log kept them before: the API's JSON of the first result.
        var stored = new GrainState<UnitCampaignsState>();
        await fixture.Store.Inner.ReadStateAsync(StorageNames.UnitCampaignsState, GrainOf(commune), stored);
        stored.State!.Idempotency = new IdempotencyLog([new IdempotencyRecord("legacy", "f", DateTimeOffset.UtcNow, Json(started))]);
        await fixture.Store.Inner.WriteStateAsync(StorageNames.UnitCampaignsState, GrainOf(commune), stored);
        await fixture.Cluster.DeactivateAsync(Unit(commune));

        var replayed = await Unit(commune).StartTaskAsync(Year, "K1", new IdempotencyKey("legacy", "f"));

        Assert.True(replayed.IsSuccess, "a retry of the legacy write answers its first result, not invalid_transition");
        Assert.Equal(Json(started), Json(replayed.GetValue()));
    }

    private static async Task<object?> RetryUntilAnsweredAsync(Func<Task<object?>> write)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await write();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await System.Threading.Tasks.Task.Delay(500);
            }
        }
    }

    private static GrainId GrainOf(string code) => GrainId.Create("unit", code);

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value, ApiJson.Options);

    /// <summary>The province's communes, handed out one per attempt.</summary>
    private static class Communes
    {
        private static readonly string[] Codes = [.. ProvinceClusterFixture.LoadProvince(ProvinceClusterFixture.Province).Units
            .Where(p => p.Kind == UnitKind.Commune).Select(p => p.Code)];

        private static int _next = -1;

        public static string Next() => Codes[Interlocked.Increment(ref _next)];
    }
}
