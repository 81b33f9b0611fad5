using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>Lifecycle of a task: Planned → InProgress → Done, or Cancelled (domain.md §3).</summary>
public enum TaskStatus
{
    Planned,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>A measurable output: e.g. articles published, target 24; <paramref name="Actual"/> is set on completion.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskOutput(string Metric, decimal Target, string? Unit = null, Channel? Channel = null, decimal? Actual = null)
{
    /// <summary>Decimals an achievement is rounded to (see <see cref="Achievement"/>).</summary>
    public const int AchievementDecimals = 6;

    /// <summary>
    /// min(actual ÷ target, 1): over-delivery on one output does not hide a shortfall on another.
    /// Rounded to <see cref="AchievementDecimals"/> places: a quotient such as 1 ÷ 3 would otherwise
    /// fill all 28 digits of a decimal, and sums of such values round differently depending on
    /// what they are added to, so the rollup's add-new-subtract-old fold would drift from the sum.
    /// Total over any stored values: the quotient is taken only below the target (so it is below
    /// 1 and cannot overflow), and a figure outside <see cref="Bounds"/> counts as nothing achieved
    /// (and is flagged by <see cref="IsValid"/>) rather than breaking every read and rollup of its unit.
    /// </summary>
    public decimal Achievement => Actual is { } actual && !OutOfBounds && actual > 0
        ? actual >= Target ? 1m : Math.Round(actual / Target, AchievementDecimals)
        : 0m;

    /// <summary>
    /// The stored target or actual is outside <see cref="Bounds"/> (validation keeps them within;
    /// state written before the bounds may not be).
    /// </summary>
    public bool OutOfBounds => Target <= 0 || !Bounds.IsValidQuantity(Target) || (Actual is { } actual && !Bounds.IsValidQuantity(actual));
}

/// <summary>One assignment with one responsible lead, a due date and optional outputs.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignTask(
    string Id,
    string Title,
    Agency Lead,
    IReadOnlyList<Agency> Coordinators,
    Obligation Obligation,
    DateOnly DueDate,
    IReadOnlyList<TaskOutput> Outputs,
    TaskStatus Status,
    string? Description = null,
    string? ActivityId = null,
    DateOnly? StartedOn = null,
    DateOnly? CompletedOn = null,
    string? Evidence = null,
    DateOnly? CancelledOn = null,
    string? CancelReason = null)
{
    public bool IsOpen => Status is TaskStatus.Planned or TaskStatus.InProgress;

    /// <summary>Overdue is not a stored status: a task not done by its due date is overdue until done.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && today > DueDate;

    /// <summary>Late completion counts as done, but not on time.</summary>
    public bool DoneOnTime => Status == TaskStatus.Done && CompletedOn <= DueDate;

    /// <summary>
    /// The task as its dated facts stood at the end of <paramref name="day"/>: a completion or a
    /// cancellation dated later is undone (with the outputs it reported), a start dated later too.
    /// </summary>
    public CampaignTask AsOf(DateOnly day) => this switch
    {
        { Status: TaskStatus.Done, CompletedOn: { } done } when done > day => Reopened(day),
        { Status: TaskStatus.Cancelled, CancelledOn: { } cancelled } when cancelled > day => Reopened(day),
        { Status: TaskStatus.InProgress, StartedOn: { } started } when started > day => this with { Status = TaskStatus.Planned, StartedOn = null },
        _ => this,
    };

    private CampaignTask Reopened(DateOnly day)
    {
        var started = StartedOn is { } on && on <= day;
        return this with
        {
            Status = started ? TaskStatus.InProgress : TaskStatus.Planned,
            StartedOn = started ? StartedOn : null,
            CompletedOn = null,
            Evidence = null,
            CancelledOn = null,
            CancelReason = null,
            Outputs = [.. Outputs.Select(o => o with { Actual = null })],
        };
    }

    /// <summary>Same definition (what the plan says), whatever has happened to the task since.</summary>
    public bool SameDefinitionAs(CampaignTask other) =>
        Id == other.Id && Title == other.Title && Lead == other.Lead && Obligation == other.Obligation
        && DueDate == other.DueDate && Description == other.Description && ActivityId == other.ActivityId
        && Coordinators.SequenceEqual(other.Coordinators)
        && Outputs.Select(o => (o.Metric, o.Target, o.Unit, o.Channel)).SequenceEqual(other.Outputs.Select(o => (o.Metric, o.Target, o.Unit, o.Channel)));

    public Outcome<CampaignTask> Start(DateOnly today) => Status switch
    {
        TaskStatus.Planned => this with { Status = TaskStatus.InProgress, StartedOn = today },
        _ => Refuse("start"),
    };

    /// <summary>
    /// Starts the task on the day the officer says (default today), so a past period can be entered
    /// after the fact: not in the future, not before the plan's period begins.
    /// </summary>
    public Outcome<CampaignTask> Start(TaskStart start, PlanPeriod period, DateOnly today)
    {
        if (!IsOpen || Status != TaskStatus.Planned)
        {
            return Refuse("start");
        }

        var startedOn = start.StartedOn ?? today;
        var v = new Validator();
        if (startedOn > today)
        {
            v.Add("startedOn", "in_future", $"A task cannot be started on {startedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        }

        if (startedOn < period.From)
        {
            v.Add("startedOn", "before_plan", $"A task cannot be started on {startedOn:yyyy-MM-dd}, before the plan period starts ({period.From:yyyy-MM-dd}).");
        }

        return v.HasErrors ? Outcome<CampaignTask>.Failure(v.Errors) : Start(startedOn);
    }

    public Outcome<CampaignTask> Complete(TaskCompletion completion, PlanPeriod period, DateOnly today)
    {
        if (!IsOpen)
        {
            return Refuse("complete");
        }

        var v = new Validator();
        var completedOn = completion.CompletedOn ?? today;
        if (completedOn > today)
        {
            v.Add("completedOn", "in_future", $"A task cannot be completed on {completedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        }

        if (completedOn < period.From)
        {
            v.Add("completedOn", "before_plan", $"A task cannot be completed on {completedOn:yyyy-MM-dd}, before the plan period starts ({period.From:yyyy-MM-dd}).");
        }

        if (StartedOn is { } started && completedOn < started)
        {
            v.Add("completedOn", "before_start", $"Task '{Id}' was started on {started:yyyy-MM-dd}; it cannot be completed earlier ({completedOn:yyyy-MM-dd}).");
        }

        var evidence = v.OptionalText("evidence", completion.Evidence, TextLimits.Note);
        var outputs = ApplyActuals(v, completion.Outputs ?? new Dictionary<string, decimal>());
        return v.Finish(() => this with
        {
            Status = TaskStatus.Done,
            StartedOn = StartedOn ?? completedOn,
            CompletedOn = completedOn,
            Evidence = evidence,
            Outputs = outputs,
        });
    }

    public Outcome<CampaignTask> Cancel(string? reason, DateOnly today)
    {
        if (!IsOpen)
        {
            return Refuse("cancel");
        }

        var v = new Validator();
        var text = v.RequiredText("reason", reason, TextLimits.Note);
        return v.Finish(() => this with { Status = TaskStatus.Cancelled, CancelledOn = today, CancelReason = text });
    }

    private IReadOnlyList<TaskOutput> ApplyActuals(Validator v, IReadOnlyDictionary<string, decimal> actuals)
    {
        if (actuals.Count > Bounds.MaxOutputsPerTask)
        {
            v.Add("outputs", "too_many", $"'outputs' has {actuals.Count} entries; task '{Id}' has {Outputs.Count} outputs.");
            return Outputs;
        }

        foreach (var (metric, value) in actuals)
        {
            if (!HasOutput(metric))
            {
                var known = Outputs.Count == 0 ? "it has no outputs" : $"its outputs are {string.Join(", ", Outputs.Select(o => $"'{o.Metric}'"))}";
                v.Add($"outputs.{metric}", "unknown_output", $"Task '{Id}' has no output '{metric}'; {known}.");
            }
            else
            {
                v.Quantity($"outputs.{metric}", value, positive: false, $"The actual value of '{metric}'");
            }
        }

        // An array (every unit holds these for a year, and a list adds an object and spare room),
        // filled by index: a completion is an event, and the list copied into it was garbage.
        var result = new TaskOutput[Outputs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var output = Outputs[i];
            if (actuals.TryGetValue(output.Metric, out var actual))
            {
                result[i] = output with { Actual = actual };
            }
            else
            {
                // Every target needs its actual figure (0 is a valid answer): a missing one would
                // silently score as zero achievement.
                v.Add($"outputs.{output.Metric}", "missing_actual", $"Completing task '{Id}' needs the actual value of '{output.Metric}' (target {output.Target}).");
            }
        }

        return result;
    }

    private bool HasOutput(string metric)
    {
        for (var i = 0; i < Outputs.Count; i++)
        {
            if (Outputs[i].Metric == metric)
            {
                return true;
            }
        }

        return false;
    }

    private DomainError Refuse(string action)
    {
        var why = Status switch
        {
            TaskStatus.Done => $"it was completed on {CompletedOn:yyyy-MM-dd}",
            TaskStatus.Cancelled => $"it was cancelled on {CancelledOn:yyyy-MM-dd}",
            TaskStatus.InProgress => "it is already in progress",
            _ => "it has not been started",
        };
        return DomainError.Conflict("invalid_transition", $"Cannot {action} task '{Id}': {why}.");
    }
}

/// <summary>When a task was started: a past day for work entered after the fact, default today.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskStart(DateOnly? StartedOn = null);

/// <summary>What completing a task records: the actual value of each output, evidence, and optionally the date.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskCompletion(IReadOnlyDictionary<string, decimal>? Outputs = null, [property: MaxLength(TextLimits.Note)] string? Evidence = null, DateOnly? CompletedOn = null);
