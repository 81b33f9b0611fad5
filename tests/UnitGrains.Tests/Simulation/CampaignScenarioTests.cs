using UnitGrains.Domain;
using UnitGrains.Simulation;

namespace UnitGrains.Tests.Simulation;

public sealed class CampaignScenarioTests
{
    private const int Year = 2025;

    private static readonly string[] Units = [.. Enumerable.Range(0, 2000).Select(i => $"{10000 + i:D5}")];

    private static IReadOnlyList<SimulatedAction> Scenario(int seed = 7) => CampaignScenario.Generate(Units, Year, seed);

    [Fact]
    public void The_same_seed_gives_the_same_campaign_and_another_seed_another()
    {
        static string Describe(IReadOnlyList<SimulatedAction> actions) =>
            string.Join('\n', actions.Select(a => a switch
            {
                IssuePlan p => $"{a.Day} {a.Unit} plan {p.Plan.IssuedOn} {string.Join(',', p.Tasks.Select(t => $"{t.Id}@{t.DueDate}:{t.Outputs![0].Target}"))}",
                CompleteTask c => $"{a.Day} {a.Unit} done {c.TaskId} {c.Completion.Outputs!.Values.Single()}",
                SubmitReport r => $"{a.Day} {a.Unit} report {r.Report.Period}",
                _ => a.ToString(),
            }));

        Assert.Equal(Describe(Scenario(7)), Describe(Scenario(7)));
        Assert.NotEqual(Describe(Scenario(7)), Describe(Scenario(8)));
    }

    [Fact]
    public void Every_action_is_valid_for_the_domain_on_its_day()
    {
        var campaigns = new Dictionary<string, Campaign>();
        var failures = new List<string>();
        foreach (var action in Scenario())
        {
            var campaign = campaigns.GetValueOrDefault(action.Unit) ?? Campaign.Empty(Year);
            var outcome = action switch
            {
                IssuePlan p => campaign.Import(p.Plan, p.Tasks, action.Day),
                CompleteTask c => campaign.CompleteTask(c.TaskId, c.Completion, action.Day),
                SubmitReport r => campaign.SubmitReport(r.Report, action.Day),
                _ => throw new InvalidOperationException(),
            };
            if (outcome.IsSuccess)
            {
                campaigns[action.Unit] = outcome.GetValue();
            }
            else
            {
                failures.Add($"{action}: {outcome.Errors[0].Message}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(Units.Length, campaigns.Count);
    }

    [Fact]
    public void Some_plans_are_late_and_most_work_is_done_on_time()
    {
        var actions = Scenario();
        var plans = actions.OfType<IssuePlan>().ToList();
        var late = plans.Count(p => p.Plan.IssuedOn > p.Plan.IssueDeadline) / (double)plans.Count;
        var dueByTask = plans.SelectMany(p => p.Tasks.Select(t => ((p.Unit, t.Id!), t.DueDate!.Value))).ToDictionary(x => x.Item1, x => x.Value);
        var completions = actions.OfType<CompleteTask>().ToList();
        var tasks = dueByTask.Count;
        var onTime = completions.Count(c => c.Day <= dueByTask[(c.Unit, c.TaskId)]) / (double)tasks;
        var reports = actions.OfType<SubmitReport>().Count() / (double)(plans.Count * 6);

        Assert.InRange(late, 0.12, 0.18);
        Assert.InRange(onTime, 0.64, 0.76);
        Assert.InRange(completions.Count / (double)tasks, 0.82, 0.95);
        Assert.InRange(reports, 0.80, 0.95);
        Assert.All(actions, a => Assert.Equal(Year, a.Day.Year));
        Assert.Equal(actions.OrderBy(a => a.Day).Select(a => a.Day), actions.Select(a => a.Day));
    }

    [Fact]
    public void A_unit_does_the_same_whatever_other_units_are_simulated()
    {
        var alone = CampaignScenario.Generate(["18175"], Year, 3).Select(a => a.ToString());
        var together = CampaignScenario.Generate(["18175", "18178", "26278"], Year, 3).Where(a => a.Unit == "18175").Select(a => a.ToString());

        Assert.Equal(alone, together);
    }
}
