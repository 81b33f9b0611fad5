
namespace UnitGrains.Domain;

/// <summary>
/// One unit's campaign for one year: its plan, tasks and reports. Every operation is a function
/// from the current value to a new one or to the errors that forbid it; the grain only stores the
/// result. Tasks may not exist without a plan, since their due dates are checked against its period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Campaign(int Year, Plan? Plan, IReadOnlyList<CampaignTask> Tasks, IReadOnlyList<Report> Reports, int NextTaskNumber)
{
    public static Campaign Empty(int year) => new(year, null, [], [], 1);

    /// <summary>
    /// Whether a change left the campaign as it was (the same plan put again, a file re-imported):
    /// the plan item by item, tasks and reports as the very same records (a change makes new ones).
    /// </summary>
    public bool SameAs(Campaign other) =>
        ReferenceEquals(this, other)
        || (Year == other.Year && NextTaskNumber == other.NextTaskNumber
            && (ReferenceEquals(Plan, other.Plan) || (Plan is not null && other.Plan is not null && Plan.SameAs(other.Plan)))
            && Tasks.SequenceEqual(other.Tasks, ReferenceEqualityComparer.Instance)
            && Reports.SequenceEqual(other.Reports, ReferenceEqualityComparer.Instance));

    /// <summary>
    /// The campaign as its dated facts stood at the end of <paramref name="day"/> — the plan issued
    /// only from its issue date, tasks started, done or cancelled only from theirs, reports only
    /// from their submission — whenever they were entered: what history is rebuilt from.
    /// </summary>
    public Campaign AsOf(DateOnly day) => this with
    {
        Plan = Plan is { IssuedOn: { } issued } && issued > day ? Plan with { IssuedOn = null } : Plan,
        Tasks = [.. Tasks.Select(t => t.AsOf(day))],
        Reports = [.. Reports.Where(r => r.SubmittedOn <= day).Select(r => r.AsOf(day))],
    };

    /// <summary>Every day on which a dated fact of the campaign may change what it counts (the day after a deadline, when it passes).</summary>
    public IEnumerable<DateOnly> FactDays()
    {
        if (Plan?.IssuedOn is { } issued)
        {
            yield return issued;
        }

        foreach (var task in Tasks)
        {
            yield return task.DueDate.AddDays(1);
            foreach (var day in new[] { task.StartedOn, task.CompletedOn, task.CancelledOn })
            {
                if (day is { } d)
                {
                    yield return d;
                }
            }
        }

        foreach (var report in Reports)
        {
            yield return report.SubmittedOn;
            if (report.Review is { } review)
            {
                yield return review.On;
            }
        }
    }

    public CampaignTask? FindTask(string taskId) => IndexOfTask(taskId) is var i and >= 0 ? Tasks[i] : null;

    /// <summary>
    /// A loop, not a copy of the list to search it nor a delegate: this runs on every task event,
    /// twice, and what it allocated was garbage of the event path (docs/benchmarks.md).
    /// </summary>
    private int IndexOfTask(string taskId)
    {
        for (var i = 0; i < Tasks.Count; i++)
        {
            if (Tasks[i].Id == taskId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Creates or replaces the plan. Existing tasks must still fall within the new period.</summary>
    public Outcome<Campaign> SetPlan(PlanDraft draft, DateOnly today) =>
        draft.Validate(Year, today).Then(plan =>
        {
            var errors = new List<DomainError>();
            var stranded = Tasks.Where(t => !plan.Period.Contains(t.DueDate)).ToList();
            if (stranded.Count > 0)
            {
                var list = string.Join(", ", stranded.Select(t => $"'{t.Id}' (due {t.DueDate:yyyy-MM-dd})"));
                errors.Add(DomainError.Invalid("period", "tasks_outside_period", $"The new period {plan.Period} would leave tasks outside it: {list}."));
            }

            var orphans = Tasks.Where(t => t.ActivityId is { } activity && plan.KeyActivities.All(a => a.Id != activity)).ToList();
            if (orphans.Count > 0)
            {
                var list = string.Join(", ", orphans.Select(t => $"'{t.Id}' (activity '{t.ActivityId}')"));
                errors.Add(DomainError.Invalid("keyActivities", "activity_in_use", $"The new plan drops key activities that tasks belong to: {list}."));
            }

            return errors.Count > 0 ? Outcome<Campaign>.Failure(errors) : Outcome<Campaign>.Success(this with { Plan = plan });
        });

    /// <summary>
    /// Imports a plan file: sets the plan and adds its tasks, all or nothing. Every task of a file
    /// carries its own id, so re-importing the same file changes nothing; a task id that already
    /// exists with a different definition is a conflict, never a silent overwrite of work already
    /// recorded against it.
    /// </summary>
    public Outcome<Campaign> Import(PlanDraft draft, IReadOnlyList<TaskDraft> tasks, DateOnly today) =>
        // The plan sits under "plan" in a file, so its errors must point there.
        SetPlan(draft, today).Within("plan").Then(withPlan =>
        {
            var v = new Validator();
            var fresh = new List<(TaskDraft, string)>();
            foreach (var (i, task) in v.Items("tasks", tasks, Bounds.MaxTasks))
            {
                if (task.Id is not { } id)
                {
                    // Without ids a re-import could not tell a known task from a new one.
                    v.Add($"tasks[{i}].id", "required", $"Task {i + 1} of the file ('{task.Title}') needs an id: a plan file names its tasks so importing it again changes nothing.");
                    continue;
                }

                if (withPlan.FindTask(id) is not { } existing)
                {
                    // Errors name the task by its place in the file, not in the list of new tasks.
                    fresh.Add((task, $"tasks[{i}]"));
                    continue;
                }

                var imported = task.Validate(id, withPlan.Plan!, $"tasks[{i}]");
                if (!imported.IsSuccess)
                {
                    v.AddRange(imported.Errors);
                }
                else if (!imported.GetValue().SameDefinitionAs(existing))
                {
                    v.AddRange([DomainError.Conflict("task_redefined", $"Task '{id}' already exists with a different definition; change it through the task API, not by re-importing.")]);
                }
            }

            var errors = new List<DomainError>(v.Errors);
            var added = withPlan.AddTasks(fresh);
            errors.AddRange(added.Errors);
            return errors.Count > 0 ? Outcome<Campaign>.Failure(errors) : added;
        });

    public Outcome<Campaign> AddTask(TaskDraft draft) => AddTasks([draft]);

    /// <summary>Adds several tasks at once: all of them, or none if any is invalid.</summary>
    public Outcome<Campaign> AddTasks(IReadOnlyList<TaskDraft> drafts) =>
        AddTasks([.. drafts.Select((draft, i) => (draft, drafts.Count == 1 ? string.Empty : $"tasks[{i}]"))]);

    private Outcome<Campaign> AddTasks(IReadOnlyList<(TaskDraft Draft, string Field)> drafts)
    {
        if (Plan is null)
        {
            return NoPlan();
        }

        if (Tasks.Count + drafts.Count > Bounds.MaxTasks)
        {
            return DomainError.Conflict("too_many_tasks", $"The {Year} campaign has {Tasks.Count} tasks; adding {drafts.Count} would pass the {Bounds.MaxTasks:N0} a campaign may hold.");
        }

        var errors = new List<DomainError>();
        var added = new List<CampaignTask>(drafts.Count);

        // Assigned ids never take an id an author chose: T{NextTaskNumber} is always free, because
        // an author's own "T<n>" moves the counter past n (callers predict the id from the counter).
        var next = drafts.Aggregate(NextTaskNumber, (n, d) => AssignedNumber(d.Draft.Id) is { } own && own >= n ? own + 1 : n);
        foreach (var (draft, field) in drafts)
        {
            var id = draft.Id ?? $"T{next++}";
            if (FindTask(id) is not null || added.Any(t => t.Id == id))
            {
                errors.Add(DomainError.Conflict("duplicate_task", $"A task with id '{id}' already exists in the {Year} campaign."));
                continue;
            }

            var outcome = draft.Validate(id, Plan, field);
            if (outcome.IsSuccess)
            {
                added.Add(outcome.GetValue());
            }
            else
            {
                errors.AddRange(outcome.Errors);
            }
        }

        return errors.Count > 0
            ? Outcome<Campaign>.Failure(errors)
            : this with { Tasks = [.. Tasks, .. added], NextTaskNumber = next };
    }

    public Outcome<Campaign> StartTask(string taskId, DateOnly today) => StartTask(taskId, new TaskStart(), today);

    public Outcome<Campaign> StartTask(string taskId, TaskStart start, DateOnly today) => UpdateTask(taskId, task => task.Start(start, Plan!.Period, today));

    public Outcome<Campaign> CompleteTask(string taskId, TaskCompletion completion, DateOnly today) =>
        UpdateTask(taskId, task => task.Complete(completion, Plan!.Period, today));

    public Outcome<Campaign> CancelTask(string taskId, string? reason, DateOnly today) => UpdateTask(taskId, task => task.Cancel(reason, today));

    /// <summary>
    /// Files a report the unit owes (<paramref name="duty"/>: its parent's regime or the national
    /// one), addressed to the office that regime names. A unit that has no plan may still report;
    /// a period already reported is refused unless the office returned that report.
    /// </summary>
    public Outcome<Campaign> SubmitReport(ReportSubmission submission, Duty duty, DateOnly today)
    {
        if (!ReportPeriod.TryParse(submission.Period, out var period))
        {
            return DomainError.Invalid("period", "malformed_period", $"'{submission.Period}' is not a report period: use e.g. '{Year}-Q1'…'{Year}-Q4', '{Year}-H1', '{Year}-Y' or '{Year}-A1' for an ad hoc report.");
        }

        var v = new Validator();
        var requirement = duty.Reporting.RequirementFor(period);
        if (period.Year != Year)
        {
            v.Add("period", "outside_plan_period", $"{period} is outside the {Year} campaign ({new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31))}): file it in the campaign of its own year.");
        }
        else if (period.Kind != ReportPeriodKind.AdHoc && requirement is null)
        {
            var required = duty.Reporting.Requirements.Count == 0 ? "none" : string.Join(", ", duty.Reporting.Requirements.Select(r => r.Frequency));
            v.Add("period", "not_required", $"No report is owed for {period} (owed: {required}).");
        }
        else if (duty.Span is not { } span || period.End < span.From || period.Start > span.To)
        {
            v.Add("period", "outside_plan_period", $"{period} is outside {(duty.Span is { } owed ? owed.ToString() : "every day")} of {Year}, the days the unit owes reports.");
        }

        if (SubmittedFor(period) is { } existing)
        {
            return DomainError.Conflict("already_submitted", $"The report for {period} was already submitted on {existing.SubmittedOn:yyyy-MM-dd}.");
        }

        var submittedOn = submission.SubmittedOn ?? today;
        if (submittedOn > today)
        {
            v.Add("submittedOn", "in_future", $"A report cannot be submitted on {submittedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        }

        if (submittedOn < period.Start)
        {
            v.Add("submittedOn", "before_period", $"The report for {period} cannot be submitted on {submittedOn:yyyy-MM-dd}, before the period starts ({period.Start:yyyy-MM-dd}).");
        }

        foreach (var (channel, value) in submission.OutputsByChannel ?? new Dictionary<Channel, decimal>())
        {
            // Keyed by the channel as the client wrote it (JSON enum names are camelCase).
            v.Quantity($"outputsByChannel.{Vocabulary.ClientName(channel)}", value, positive: false, $"The output for {channel}");
        }

        var summary = v.OptionalText("summary", submission.Summary, TextLimits.Long);
        var difficulties = v.OptionalText("difficulties", submission.Difficulties, TextLimits.Long);
        var proposals = v.OptionalText("proposals", submission.Proposals, TextLimits.Long);
        return v.Finish(() =>
        {
            var report = new Report(
                period,
                requirement?.DeadlineFor(period),
                submittedOn,
                submission.OutputsByChannel ?? OutputTotals.ByChannel(DoneWithin(period)),
                DoneWithin(period).Select(t => t.Id).ToArray(),
                Tasks.Where(t => t.IsOpen && t.DueDate <= period.End).Select(t => t.Id).ToArray(),
                summary,
                difficulties,
                proposals,
                duty.Reporting.Consolidator);
            return this with { Reports = [.. Reports, report] };
        });
    }

    /// <summary>
    /// The office's decision on the report of <paramref name="period"/> standing: accepted, or
    /// returned with a comment (the unit owes it again). A report is reviewed once.
    /// </summary>
    public Outcome<Campaign> ReviewReport(ReportPeriod period, ReviewDecision decision, string office, ReviewRequest request, DateOnly today)
    {
        var v = new Validator();
        var comment = v.OptionalText("comment", request.Comment, TextLimits.Long);
        if (decision == ReviewDecision.Returned && comment is null && !v.HasErrors)
        {
            v.Add("comment", "required", "A returned report needs a comment saying what to correct.");
        }

        if (v.HasErrors)
        {
            return Outcome<Campaign>.Failure(v.Errors);
        }

        if (SubmittedFor(period) is not { } report)
        {
            return DomainError.NotFound("report_not_found", $"No report for {period} stands to be reviewed: none was submitted, or the last one was returned.");
        }

        if (report.Review is { } done)
        {
            return DomainError.Conflict("already_reviewed", $"The report for {period} was already {done.Decision.ToString().ToLowerInvariant()} on {done.On:yyyy-MM-dd}.");
        }

        var reviewed = report with { Review = new ReportReview(decision, today, office, comment) };
        return this with { Reports = [.. Reports.Select(r => ReferenceEquals(r, report) ? reviewed : r)] };
    }

    /// <summary>The report standing for a period: the last one submitted, unless the office returned it.</summary>
    public Report? SubmittedFor(ReportPeriod period)
    {
        // Indexed, from the end: this runs for every expected report on every event.
        for (var i = Reports.Count - 1; i >= 0; i--)
        {
            if (Reports[i].Period == period)
            {
                return Reports[i].Returned ? null : Reports[i];
            }
        }

        return null;
    }

    /// <summary>What a report counts as the period's work: tasks completed within it (outputs and the done list agree).</summary>
    private IEnumerable<CampaignTask> DoneWithin(ReportPeriod period) =>
        Tasks.Where(t => t.Status == TaskStatus.Done && t.CompletedOn >= period.Start && t.CompletedOn <= period.End);

    private Outcome<Campaign> UpdateTask(string taskId, Func<CampaignTask, Outcome<CampaignTask>> change)
    {
        if (Plan is null)
        {
            return NoPlan();
        }

        var index = IndexOfTask(taskId);
        if (index < 0)
        {
            return Errors.TaskNotFound(Year, taskId);
        }

        return change(Tasks[index]).Map(updated =>
        {
            var tasks = Tasks.ToArray();
            tasks[index] = updated;
            return this with { Tasks = tasks };
        });
    }

    /// <summary>n for an id of the assigned form "T&lt;n&gt;" (no leading zero, at most 9 digits), else null.</summary>
    private static int? AssignedNumber(string? id) =>
        id is { Length: >= 2 and <= 10 } && id[0] == 'T' && id[1] != '0' && id.Skip(1).All(char.IsAsciiDigit)
            ? int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private DomainError NoPlan() => Errors.PlanNotFound(Year);
}
