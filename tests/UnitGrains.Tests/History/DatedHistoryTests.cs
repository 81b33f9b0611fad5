using CsCheck;
using UnitGrains.Domain;
using UnitGrains.Tests.Domain;
using static UnitGrains.Tests.Domain.Dates;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.History;

/// <summary>History rebuilt from dated facts: a campaign as of a day, a unit's own series, series summed up a tree.</summary>
public sealed class DatedHistoryTests
{
    private static readonly UnitProfile Province = new(
        "70@2025-06-30", "Tỉnh Bình Phước", UnitKind.Province, "province", "VN", [new("VN", "Việt Nam", UnitKind.Nation)], [], "Bình Phước", "Binh Phuoc", "3level-2023",
        ValidUntil: D(2025, 6, 30));

    private static readonly EscalationPolicy Policy = EscalationPolicy.Default;

    /// <summary>A 2022 campaign worked through the year in random order, each fact entered on its own day or later.</summary>
    internal static Campaign Worked(int seed, out DateOnly lastDay)
    {
        var random = new Random(seed);
        var campaign = Samples.Campaign();
        var tasks = Enumerable.Range(1, random.Next(1, 8)).Select(i => random.Next(2) == 0
            ? Samples.TaskDraft($"T{i}", D(2022, 1, 1).AddDays(random.Next(0, 365)))
            : Samples.PlainTaskDraft($"T{i}", D(2022, 1, 1).AddDays(random.Next(0, 365)))).ToArray();
        campaign = campaign.WithTasks(tasks);
        lastDay = D(2023, 2, 1);
        foreach (var task in tasks)
        {
            var day = D(2022, 1, 1).AddDays(random.Next(0, 390));
            var entered = day.AddDays(random.Next(0, 20)) is var late && late > lastDay ? lastDay : late;
            var hasOutputs = task.Outputs is { Count: > 0 };
            campaign = random.Next(4) switch
            {
                0 => Expect.Ok(campaign.CompleteTask(task.Id!, hasOutputs ? Samples.Articles(random.Next(0, 30), day) : new TaskCompletion(CompletedOn: day), entered)),
                1 => Expect.Ok(campaign.CancelTask(task.Id!, "Không còn phù hợp", day)),
                2 => Expect.Ok(campaign.StartTask(task.Id!, day)),
                _ => campaign,
            };
        }

        foreach (var period in new[] { "2022-Q1", "2022-Q2", "2022-H1", "2022-Q3", "2022-Y" })
        {
            if (random.Next(3) > 0)
            {
                var on = ReportPeriod.TryParse(period, out var p) ? p.End.AddDays(random.Next(0, 30)) : default;
                campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission(period, SubmittedOn: on), lastDay));
            }
        }

        return campaign;
    }

    private static IndicatorCounts Direct(Campaign campaign, DateOnly day)
    {
        var then = campaign.AsOf(day);
        var duty = campaign.DutyOf();
        return OwnCounts.On(duty, then, day, OwnCounts.OpenEscalations(Province, duty, then, day, Policy).Count);
    }

    [Fact]
    public void The_series_moves_only_on_the_days_of_facts_and_matches_the_campaign_evaluated_on_every_day()
    {
        Gen.Int[0, 1_000_000].Sample(
            seed =>
            {
                var campaign = Worked(seed, out var lastDay);
                var series = OwnCounts.History(Province, campaign.DutyOf(), campaign, Policy);
                for (var day = D(2021, 11, 1); day <= D(2024, 1, 2); day = day.AddDays(1))
                {
                    Assert.Equal(Direct(campaign, day), series.On(day));
                }

                // On the last day every fact has happened: the series ends where the live rollup stands.
                Assert.Equal(OwnCounts.On(campaign.DutyOf(), campaign, lastDay, OwnCounts.OpenEscalations(Province, campaign.DutyOf(), campaign, lastDay, Policy).Count), series.On(lastDay));
            },
            iter: 30);
    }

    [Fact]
    public void A_campaign_as_of_a_day_forgets_what_was_dated_later()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("T1", D(2022, 9, 30)));
        campaign = Expect.Ok(campaign.StartTask("T1", D(2022, 3, 1)));
        campaign = Expect.Ok(campaign.CompleteTask("T1", Samples.Articles(20, D(2022, 4, 1)), D(2022, 5, 10)));
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-Q1", SubmittedOn: D(2022, 4, 3)), D(2022, 5, 10)));

        var before = campaign.AsOf(D(2022, 3, 31));
        Assert.Equal((TaskStatus.InProgress, null, null), (before.Tasks[0].Status, before.Tasks[0].CompletedOn, before.Tasks[0].Outputs[0].Actual));
        Assert.Empty(before.Reports);
        Assert.Equal(TaskStatus.Planned, campaign.AsOf(D(2022, 2, 28)).Tasks[0].Status);
        Assert.Null(campaign.AsOf(D(2021, 11, 15)).Plan!.IssuedOn);
        Assert.Equal(campaign.Tasks, campaign.AsOf(D(2022, 4, 3)).Tasks);
        Assert.Single(campaign.AsOf(D(2022, 4, 3)).Reports);
    }

    [Fact]
    public void A_subtree_series_is_the_sum_of_its_parts()
    {
        var a = DailySeries.Of([D(2022, 1, 1), D(2022, 3, 1)], d => d >= D(2022, 3, 1) ? new IndicatorCounts(1, 1, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0) : new IndicatorCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        var b = DailySeries.Of([D(2022, 1, 1)], _ => new IndicatorCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        var sum = DailySeries.Sum([a, b, DailySeries.Empty]);
        foreach (var day in new[] { D(2021, 12, 31), D(2022, 1, 1), D(2022, 2, 28), D(2022, 3, 1), D(2022, 12, 31) })
        {
            Assert.Equal(a.On(day) + b.On(day), sum.On(day));
        }

        Assert.Equal([D(2022, 1, 1), D(2022, 3, 1)], sum.Steps.Select(s => s.Day));
        Assert.Equal(365, sum.Days(D(2022, 1, 1), D(2022, 12, 31)).Count());
        Assert.Equal(sum.On(D(2022, 6, 1)), sum.Days(D(2022, 1, 1), D(2022, 12, 31)).Single(d => d.Day == D(2022, 6, 1)).Counts);
    }

    [Fact]
    public void A_unit_that_did_nothing_owes_its_plan_and_reports_from_their_deadlines_or_from_its_first_day()
    {
        var idle = OwnCounts.History(Province, NationalDuty.Of(Province, 2022, null), null, Policy);
        Assert.Equal(0, idle.On(D(2022, 1, 31)).PlansExpected);
        Assert.Equal(1, idle.On(D(2022, 2, 1)).PlansExpected);
        Assert.Equal((0, 1), (idle.On(D(2022, 3, 16)).ReportsSubmitted, idle.On(D(2022, 3, 16)).ReportsDue));
        Assert.Equal(6, idle.On(D(2022, 12, 31)).ReportsDue);

        var created = Province with { Code = "75", ValidFrom = D(2025, 7, 1), ValidUntil = null };
        var owed = OwnCounts.History(created, NationalDuty.Of(created, 2025, null), null, Policy);
        Assert.Equal(0, owed.On(D(2025, 7, 31)).PlansExpected);
        Assert.Equal(1, owed.On(D(2025, 8, 1)).PlansExpected);
        Assert.DoesNotContain(OwnCounts.History(created, NationalDuty.Of(created, 2024, null), null, Policy).Steps, s => s.Delta != IndicatorCounts.Zero);
    }
}
