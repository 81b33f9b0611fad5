using System.Net.Http.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Simulation;

namespace UnitGrains.Gateway.Tests.Simulation;

/// <summary>
/// A small simulated year (a few communes of <see cref="TestData.SimulationProvince"/>, last year, a
/// fixed seed) replayed through the gateway's API as each commune's officer: everything is accepted,
/// each commune's own counts are exactly those of the same actions folded by the domain directly,
/// and replaying it again with the same Idempotency-Keys — what a retry does — counts nothing twice.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpCampaignTargetTests(GatewayFactory factory)
{
    // Wholly in the past, and still one of the years the gateway scores.
    private static readonly int Year = TestData.VietnamToday.Year - 1;

    private static readonly string[] Province = [.. TestData.Units.Where(u => u.ParentCode == TestData.SimulationProvince).Select(u => u.Code)];

    private static readonly string[] Communes = Province[..4];

    private readonly HttpClient _reader = factory.CreateClient();

    [Fact]
    public async Task A_replayed_year_counts_what_the_domain_counts_and_a_retry_counts_nothing_twice()
    {
        var duties = new Dictionary<string, Duty>();
        foreach (var commune in Communes)
        {
            duties[commune] = await DutyAsync(commune);
        }

        var actions = Owed(CampaignScenario.Generate(Communes, Year, seed: 5), duties);
        Assert.Contains(actions, a => a is CompleteTask);
        Assert.Contains(actions, a => a is SubmitReport);
        var http = factory.CreateAnonymousClient();
        var target = new HttpCampaignTarget(http, unit => factory.Token(unit, UnitRole.Officer), "sim-test-5");

        var first = await new ScenarioRunner(target) { Parallelism = 4, Until = TestData.VietnamToday }.RunAsync(actions);

        Assert.Empty(first.FailuresByCode);
        Assert.Equal(actions.Count, first.Applied);
        Assert.NotNull(first.Nation);
        var expected = Communes.ToDictionary(c => c, c => Folded(actions.Where(a => a.Unit == c), duties[c]));
        foreach (var commune in Communes)
        {
            Assert.Equal(expected[commune], await OwnCountsAsync(commune));
        }

        var retried = await new ScenarioRunner(target) { Parallelism = 4 }.RunAsync(actions);

        Assert.Empty(retried.FailuresByCode);
        Assert.Equal(actions.Count, retried.Applied);
        foreach (var commune in Communes)
        {
            Assert.Equal(expected[commune], await OwnCountsAsync(commune));
        }
    }

    [Fact]
    public async Task The_same_action_under_another_key_is_refused_not_counted_again()
    {
        var commune = Province[4];
        var actions = CampaignScenario.Generate([commune], Year, seed: 9);
        var http = factory.CreateAnonymousClient();
        var completion = actions.OfType<CompleteTask>().First();
        var issue = actions.OfType<IssuePlan>().Single();
        var target = new HttpCampaignTarget(http, unit => factory.Token(unit, UnitRole.Officer), "sim-test-9");
        Assert.Null(await target.IssuePlanAsync(issue, CancellationToken.None));
        Assert.Null(await target.CompleteTaskAsync(completion, CancellationToken.None));
        var done = (await OwnCountsAsync(commune)).TasksDone;

        Assert.Null(await target.CompleteTaskAsync(completion, CancellationToken.None));
        var elsewhere = new HttpCampaignTarget(http, unit => factory.Token(unit, UnitRole.Officer), "sim-other");
        Assert.NotNull(await elsewhere.CompleteTaskAsync(completion, CancellationToken.None));

        Assert.Equal(done, (await OwnCountsAsync(commune)).TasksDone);
    }

    /// <summary>The commune's own counts as the pure domain has them after the same actions, on the day they are read.</summary>
    private static IndicatorCounts Folded(IEnumerable<SimulatedAction> actions, Duty duty)
    {
        var campaign = Campaign.Empty(Year);
        foreach (var action in actions)
        {
            var outcome = action switch
            {
                IssuePlan p => campaign.Import(p.Plan, p.Tasks, p.Day),
                CompleteTask c => campaign.CompleteTask(c.TaskId, c.Completion, c.Day),
                SubmitReport r => campaign.SubmitReport(r.Report, duty, r.Day),
                _ => throw new ArgumentOutOfRangeException(nameof(actions)),
            };
            Assert.True(outcome.IsSuccess, $"{action}: {string.Join(", ", outcome.Errors.Select(e => e.Code))}");
            campaign = outcome.GetValue();
        }

        // Escalations follow from reminders on the gateway's own schedule; they are not what is compared.
        return IndicatorCounts.Own(duty, campaign, TestData.VietnamToday, openEscalations: 0);
    }

    /// <summary>What the commune owes in the year, as the gateway says.</summary>
    private async Task<Duty> DutyAsync(string commune) =>
        (await _reader.GetFromJsonAsync<DutyView>($"/api/units/{commune}/duties/{Year}", ApiJson.Options))!.Duty;

    /// <summary>
    /// The scenario files every report of the year; a commune of the July 2025 list owes none of a
    /// period that ended before its first day, and such a report is refused (outside_plan_period).
    /// </summary>
    private static List<SimulatedAction> Owed(IReadOnlyList<SimulatedAction> actions, IReadOnlyDictionary<string, Duty> duties) =>
        [.. actions.Where(a => a is not SubmitReport r
            || (ReportPeriod.TryParse(r.Report.Period, out var period) && duties[a.Unit].Span is { } span && period.End >= span.From))];

    private async Task<IndicatorCounts> OwnCountsAsync(string commune)
    {
        var scores = await _reader.GetFromJsonAsync<UnitScores>($"/api/units/{commune}/scores?year={Year}", ApiJson.Options);
        return scores!.Own.Counts with { OpenEscalations = 0 };
    }
}
