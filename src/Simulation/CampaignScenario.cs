using UnitGrains.Domain;

namespace UnitGrains.Simulation;

/// <summary>One thing a unit does on one day of a simulated campaign.</summary>
public abstract record SimulatedAction(DateOnly Day, string Unit);

/// <summary>The unit puts its plan (issued on <see cref="SimulatedAction.Day"/>) with its tasks.</summary>
public sealed record IssuePlan(DateOnly Day, string Unit, PlanDraft Plan, IReadOnlyList<TaskDraft> Tasks) : SimulatedAction(Day, Unit);

/// <summary>The unit completes a task with its actual outputs.</summary>
public sealed record CompleteTask(DateOnly Day, string Unit, string TaskId, TaskCompletion Completion) : SimulatedAction(Day, Unit);

/// <summary>The unit files a report.</summary>
public sealed record SubmitReport(DateOnly Day, string Unit, ReportSubmission Report) : SimulatedAction(Day, Unit);

/// <summary>How the simulated nation behaves: shares of late and missing work.</summary>
public sealed record ScenarioProfile(
    double LatePlans = 0.15,
    double TasksOnTime = 0.70,
    double TasksLate = 0.20,
    double ReportsOnTime = 0.80,
    double ReportsLate = 0.12,
    int MinTasks = 6,
    int MaxTasks = 12)
{
    public static readonly ScenarioProfile Realistic = new();
}

/// <summary>
/// A campaign year for a set of units, generated from a seed: the same seed, units and year give the
/// same actions, so a run can be repeated and compared. Each unit that owes a plan issues it in
/// January or February (some after the 31 January deadline set by the level above), with tasks
/// drawn from the kinds of work the seed plans assign — articles on the portal, broadcasts,
/// loudspeaker programmes, trainings, dialogues, the quarterly bulletin, procedure posting — spread
/// over the year; most tasks are completed by their due date, some late, some never; quarterly
/// reports (by the 5th of the quarter's last month, as in seed 000) are filed on time, late, or not
/// at all, and so are the six-month and annual reports. Nothing here touches Orleans; drivers replay the actions against grains or the HTTP API.
/// </summary>
public static class CampaignScenario
{
    public static readonly DateOnly PlanDeadline = new(1, 1, 31);

    private static readonly TaskTemplate[] Templates =
    [
        new("portal", "Đăng tin bài về cải cách hành chính trên trang thông tin điện tử", "articles", "bài", Channel.WebPortal, 6, 30),
        new("radio", "Phát sóng chuyên mục cải cách hành chính trên đài truyền thanh", "broadcasts", "buổi", Channel.Loudspeakers, 12, 48),
        new("training", "Tập huấn nghiệp vụ cải cách hành chính cho cán bộ, công chức", "sessions", "lớp", Channel.TrainingsAndConferences, 1, 3),
        new("dialogue", "Đối thoại với người dân và doanh nghiệp về thủ tục hành chính", "dialogues", "buổi", Channel.Dialogues, 1, 4),
        new("bulletin", "Phát hành bản tin cải cách hành chính", "issues", "số", Channel.Bulletins, 1, 4),
        new("posting", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa", "posted", "%", Channel.OneStopDeskPosting, 100, 100),
        new("leaflets", "In và phát tờ rơi tuyên truyền dịch vụ công trực tuyến", "leaflets", "tờ", Channel.Leaflets, 200, 2000),
        new("social", "Tuyên truyền cải cách hành chính trên mạng xã hội Zalo, Facebook", "posts", "bài", Channel.SocialNetworks, 12, 52),
    ];

    /// <param name="units">The units that owe a plan (province, district, commune, provincial department).</param>
    public static IReadOnlyList<SimulatedAction> Generate(IReadOnlyList<string> units, int year, int seed, ScenarioProfile? profile = null)
    {
        var p = profile ?? ScenarioProfile.Realistic;
        var actions = new List<SimulatedAction>(units.Count * 20);
        foreach (var unit in units)
        {
            // One random stream per unit, derived from the seed and the code: adding or removing a
            // unit does not change what the others do.
            var random = new Random(unchecked((seed * 16777619) ^ StableHash(unit)));
            GenerateUnit(actions, unit, year, random, p);
        }

        // Stable, and a unit's plan before anything else it does that day.
        return [.. actions.OrderBy(a => a.Day).ThenBy(a => a is IssuePlan ? 0 : 1)];
    }

    private static void GenerateUnit(List<SimulatedAction> actions, string unit, int year, Random random, ScenarioProfile p)
    {
        var deadline = new DateOnly(year, PlanDeadline.Month, PlanDeadline.Day);
        var issued = random.NextDouble() < p.LatePlans
            ? deadline.AddDays(1 + random.Next(45))
            : new DateOnly(year, 1, 2).AddDays(random.Next(deadline.DayNumber - new DateOnly(year, 1, 2).DayNumber + 1));
        var plan = new PlanDraft(
            $"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}",
            new PlanPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
            Identifier: $"{1 + random.Next(200)}/KH-UBND",
            IssuedOn: issued,
            IssueDeadline: deadline,
            Audiences: [Audience.OfficialsAndCivilServants, Audience.Citizens, Audience.Businesses],
            Topics: [Topic.AdministrativeProcedureReform, Topic.DigitalGovernment],
            Channels: [.. Templates.Select(t => t.Channel).Distinct()],
            Reporting: new ReportingRegimeDraft(Regime));

        var tasks = new List<TaskDraft>();
        var count = p.MinTasks + random.Next(p.MaxTasks - p.MinTasks + 1);
        for (var i = 0; i < count; i++)
        {
            var template = Templates[random.Next(Templates.Length)];
            // Due at the end of a month after the plan is issued: work is spread over the year.
            var month = Math.Min(12, issued.Month + 1 + random.Next(12 - issued.Month));
            var due = VietnamCalendar.LastDayOfMonth(year, month);
            var target = template.MinTarget == template.MaxTarget ? template.MinTarget : template.MinTarget + random.Next(template.MaxTarget - template.MinTarget + 1);
            var id = $"{template.Id}-{i + 1}";
            tasks.Add(new TaskDraft(template.Title, new Agency("Văn phòng HĐND và UBND"), id, due, [new TaskOutputDraft(template.Metric, target, template.Unit, template.Channel)]));

            var roll = random.NextDouble();
            if (roll < p.TasksOnTime + p.TasksLate)
            {
                var done = roll < p.TasksOnTime
                    ? Max(issued, due.AddDays(-random.Next(25)))
                    : due.AddDays(1 + random.Next(30));
                if (done.Year == year)
                {
                    var actual = Math.Round(target * (decimal)(0.6 + (random.NextDouble() * 0.6)));
                    actions.Add(new CompleteTask(done, unit, id, new TaskCompletion(new Dictionary<string, decimal> { [template.Metric] = actual }, CompletedOn: done)));
                }
            }
        }

        actions.Add(new IssuePlan(issued, unit, plan, tasks));
        foreach (var (requirement, period) in Regime.SelectMany(r => ReportPeriod.For(r.Frequency, year).Select(period => (r, period))))
        {
            var due = requirement.DeadlineFor(period);
            var roll = random.NextDouble();
            if (roll >= p.ReportsOnTime + p.ReportsLate || due < issued)
            {
                continue;
            }

            var filed = roll < p.ReportsOnTime ? Max(issued, due.AddDays(-random.Next(10))) : due.AddDays(1 + random.Next(20));
            filed = Max(filed, period.Start);
            if (filed.Year == year)
            {
                actions.Add(new SubmitReport(filed, unit, new ReportSubmission(period.ToString(), Summary: "Báo cáo kết quả thông tin, tuyên truyền CCHC", SubmittedOn: filed)));
            }
        }
    }

    /// <summary>The seeds' regime: quarterly by the 5th of the quarter's last month (000), six-month by 15 June and annual by 15 December (001).</summary>
    private static readonly ReportRequirement[] Regime =
    [
        new(ReportFrequency.Quarterly, 5),
        new(ReportFrequency.SixMonthly, 15),
        new(ReportFrequency.Annual, 15),
    ];

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>string.GetHashCode is randomised per process; scenarios must not be.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    private sealed record TaskTemplate(string Id, string Title, string Metric, string Unit, Channel Channel, int MinTarget, int MaxTarget);
}
