using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>A task as a client writes it. Without a due date the task runs to the end of the plan period.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskDraft(
    [property: Required, MaxLength(TextLimits.Title)] string? Title = null,
    [property: Required] Agency? Lead = null,
    [property: RegularExpression(ItemId.Pattern)] string? Id = null,
    DateOnly? DueDate = null,
    [property: MaxLength(Bounds.MaxOutputsPerTask)] IReadOnlyList<TaskOutputDraft>? Outputs = null,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<Agency>? Coordinators = null,
    Obligation Obligation = Obligation.Assigned,
    [property: MaxLength(TextLimits.Long)] string? Description = null,
    [property: RegularExpression(ItemId.Pattern)] string? ActivityId = null)
{
    /// <param name="id">The id to use: the draft's own, or one assigned by the campaign.</param>
    /// <param name="field">Path prefix for errors, e.g. <c>tasks[3]</c> in a plan file.</param>
    public Outcome<CampaignTask> Validate(string id, Plan plan, string field = "")
    {
        var v = new Validator();
        var at = field.Length == 0 ? string.Empty : field + ".";
        if (!ItemId.IsValid(id))
        {
            v.Add($"{at}id", "malformed_id", $"'{id}' is not an id: use 1–32 letters, digits, '.', '_' or '-'.");
        }

        var title = v.RequiredText($"{at}title", Title, TextLimits.Title);
        var description = v.OptionalText($"{at}description", Description, TextLimits.Long);
        var lead = Agency.Validate(v, $"{at}lead", Lead, required: true);
        var coordinators = Agency.ValidateList(v, $"{at}coordinators", Coordinators);
        var due = DueDate ?? plan.Period.To;
        if (!plan.Period.Contains(due))
        {
            v.Add($"{at}dueDate", "outside_plan_period", $"The due date {due:yyyy-MM-dd} is outside the plan period {plan.Period}.");
        }

        if (ActivityId is not null && plan.KeyActivities.All(a => a.Id != ActivityId))
        {
            v.Add($"{at}activityId", "unknown_activity", $"The plan has no key activity '{ActivityId}'.");
        }

        var outputs = ValidateOutputs(v, at);
        return v.Finish(() => new CampaignTask(
            id, title!, lead!, coordinators, Obligation, due, outputs, TaskStatus.Planned, description, ActivityId));
    }

    private TaskOutput[] ValidateOutputs(Validator v, string at)
    {
        var result = new List<TaskOutput>();
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, o) in v.Items($"{at}outputs", Outputs, Bounds.MaxOutputsPerTask))
        {
            var path = $"{at}outputs[{i}]";
            if (!ItemId.IsValid(o.Metric))
            {
                v.Add($"{path}.metric", "malformed_id", $"'{o.Metric}' is not a metric name: use 1–32 letters, digits, '.', '_' or '-' (e.g. 'articles').");
            }
            else if (!metrics.Add(o.Metric!))
            {
                v.Add($"{path}.metric", "duplicate", $"The output '{o.Metric}' is listed twice.");
            }

            var target = o.Target is { } value
                ? v.Quantity($"{path}.target", value, positive: true, $"The target of output '{o.Metric}'")
                : Missing(v, $"{path}.target", o.Metric);
            var unit = v.OptionalText($"{path}.unit", o.Unit, TextLimits.Label);
            if (o.Metric is not null && target is { } valid)
            {
                result.Add(new TaskOutput(o.Metric, valid, unit, o.Channel));
            }
        }

        // Kept as an array: every unit holds these for a year, and a list adds an object and spare room.
        return result.ToArray();
    }

    private static decimal? Missing(Validator v, string field, string? metric)
    {
        v.Add(field, "not_positive", $"The target of output '{metric}' must be greater than 0, not missing.");
        return null;
    }
}

/// <summary>An output target as written by a client.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskOutputDraft(
    [property: Required, RegularExpression(ItemId.Pattern)] string? Metric = null,
    [property: Required, Range(0d, (double)Bounds.MaxQuantity, MinimumIsExclusive = true)] decimal? Target = null,
    [property: MaxLength(TextLimits.Label)] string? Unit = null,
    Channel? Channel = null);
