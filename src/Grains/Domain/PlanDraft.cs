using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>
/// A plan as a client sends it (HTTP body, plan file). Lists may be omitted; <see cref="Validate"/>
/// turns a draft into a <see cref="Plan"/> or into every rule it breaks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanDraft(
    [property: Required, MaxLength(TextLimits.Short)] string? Title = null,
    [property: Required] PlanPeriod? Period = null,
    [property: MaxLength(TextLimits.Identifier)] string? Identifier = null,
    DateOnly? IssuedOn = null,
    [property: MaxLength(TextLimits.Reference)] string? Signer = null,
    DateOnly? IssueDeadline = null,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<LegalBasis>? LegalBases = null,
    [property: MaxLength(TextLimits.Long)] string? Objectives = null,
    [property: MaxLength(TextLimits.Long)] string? Requirements = null,
    IReadOnlyList<Audience>? Audiences = null,
    IReadOnlyList<Topic>? Topics = null,
    IReadOnlyList<Channel>? Channels = null,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<PlanTarget>? Targets = null,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<KeyActivity>? KeyActivities = null,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<Assignment>? Assignments = null,
    ReportingRegimeDraft? Reporting = null,
    PlanPeriod? Programme = null)
{
    /// <param name="campaignYear">The year the plan is filed under: its period must start in it.</param>
    /// <param name="today">Today in Vietnam: a plan cannot claim to be issued in the future.</param>
    public Outcome<Plan> Validate(int campaignYear, DateOnly today)
    {
        var v = new Validator();
        var title = v.RequiredText("title", Title, TextLimits.Short);
        var identifier = v.OptionalText("identifier", Identifier, TextLimits.Identifier);
        var signer = v.OptionalText("signer", Signer, TextLimits.Reference);
        var objectives = v.OptionalText("objectives", Objectives, TextLimits.Long);
        var requirements = v.OptionalText("requirements", Requirements, TextLimits.Long);

        var periodValid = ValidatePeriod(v, campaignYear, today);
        var legalBases = ValidateLegalBases(v);
        var targets = ValidateTargets(v);
        var activities = ValidateActivities(v);
        var assignments = ValidateAssignments(v, periodValid);
        var audiences = v.DistinctList("audiences", Audiences);
        var topics = v.DistinctList("topics", Topics);
        var channels = v.DistinctList("channels", Channels);
        var reporting = ReportingRegime.Validate(v, "reporting", Reporting);

        return v.Finish(() => new Plan(
            title!, identifier, IssuedOn, signer, Period!, IssueDeadline, legalBases, objectives, requirements,
            audiences, topics, channels, targets, activities, assignments, reporting, Programme));
    }

    /// <returns>Whether the period itself is valid, so the dates set within it can be checked against it.</returns>
    private bool ValidatePeriod(Validator v, int campaignYear, DateOnly today)
    {
        if (Period is null)
        {
            v.Add("period", "required", "'period' is required: the dates the plan covers ({ \"from\": \"2022-01-01\", \"to\": \"2022-12-31\" }).");
            return false;
        }

        var errorsBefore = v.Errors.Count;

        if (Period.From > Period.To)
        {
            v.Add("period.to", "period_reversed", $"The plan period ends ({Period.To:yyyy-MM-dd}) before it starts ({Period.From:yyyy-MM-dd}).");
        }

        if (Period.From.Year != campaignYear)
        {
            v.Add("period.from", "period_outside_campaign", $"A plan filed under campaign year {campaignYear} must start in {campaignYear}; this one starts {Period.From:yyyy-MM-dd}.");
        }

        // Ten years to the day at most: 2022-01-01–2031-12-31, not 2022–2032 (eleven years).
        var lastAllowed = Period.From.Year <= DateOnly.MaxValue.Year - 10 ? Period.From.AddYears(10).AddDays(-1) : DateOnly.MaxValue;
        if (Period.To > lastAllowed)
        {
            v.Add("period.to", "period_too_long", $"A plan period spans at most ten years: {Period} must end by {lastAllowed:yyyy-MM-dd}.");
        }

        var periodValid = v.Errors.Count == errorsBefore;
        if (periodValid && IssueDeadline is { } deadline && !WithinCampaign(deadline))
        {
            v.Add("issueDeadline", "out_of_range", $"The deadline {deadline:yyyy-MM-dd} must fall within the plan period {Period} (or the year before it).");
        }

        // A year of a plan filed year by year (PlanYears) lies within the whole plan's period, and was issued for the whole.
        if (Programme is { } programme && (programme.From > Period.From || programme.To < Period.To || programme.From > programme.To))
        {
            v.Add("programme", "period_outside_programme", $"The period {Period} must lie within the whole plan's period {programme}.");
        }

        if (IssuedOn is { } issued)
        {
            var starts = Programme?.From ?? Period.From;
            if (issued < YearBefore(starts))
            {
                v.Add("issuedOn", "out_of_range", $"A plan for {Programme ?? Period} is issued at most a year before it starts, not on {issued:yyyy-MM-dd}.");
            }

            if (issued > today)
            {
                v.Add("issuedOn", "in_future", $"The plan cannot be issued on {issued:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
            }

            if (issued > Period.To)
            {
                v.Add("issuedOn", "issued_after_period", $"The plan is issued on {issued:yyyy-MM-dd}, after its period ends ({Period.To:yyyy-MM-dd}).");
            }
        }

        return periodValid;
    }

    private IReadOnlyList<LegalBasis> ValidateLegalBases(Validator v)
    {
        var result = new List<LegalBasis>();
        foreach (var (i, basis) in v.Items("legalBases", LegalBases))
        {
            var at = $"legalBases[{i}]";
            var reference = v.RequiredText($"{at}.reference", basis.Reference, TextLimits.Reference);
            var title = v.OptionalText($"{at}.title", basis.Title, TextLimits.Short);
            var issuedBy = Agency.Validate(v, $"{at}.issuedBy", basis.IssuedBy, required: false);
            if (basis.IssuedOn is { } issued && (issued < Bounds.EarliestDate || issued > Bounds.LatestDate))
            {
                v.Add($"{at}.issuedOn", "out_of_range", $"A document the plan cites is dated between {Bounds.EarliestDate:yyyy-MM-dd} and {Bounds.LatestDate:yyyy-MM-dd}, not {issued:yyyy-MM-dd}.");
            }

            if (reference is not null)
            {
                result.Add(basis with { Reference = reference, Title = title, IssuedBy = issuedBy });
            }
        }

        if (result.Count(b => b.Kind == LegalBasisKind.ParentPlan) > 1)
        {
            v.Add("legalBases", "several_parent_plans", "A plan implements at most one parent plan.");
        }

        return result;
    }

    private IReadOnlyList<PlanTarget> ValidateTargets(Validator v)
    {
        var targets = v.Items("targets", Targets);
        CheckUniqueIds(v, "targets", [.. targets.Select(t => (t.Index, (string?)t.Item.Id))]);
        var result = new List<PlanTarget>(targets.Count);
        foreach (var (i, target) in targets)
        {
            var at = $"targets[{i}]";
            var description = v.RequiredText($"{at}.description", target.Description, TextLimits.Title);
            var unit = v.OptionalText($"{at}.unit", target.Unit, TextLimits.Label);
            if (target.Value is { } value)
            {
                v.Quantity($"{at}.value", value, positive: true, $"Target '{target.Id}'");
            }

            if (description is not null)
            {
                result.Add(target with { Description = description, Unit = unit });
            }
        }

        return result;
    }

    private IReadOnlyList<KeyActivity> ValidateActivities(Validator v)
    {
        var activities = v.Items("keyActivities", KeyActivities);
        CheckUniqueIds(v, "keyActivities", [.. activities.Select(a => (a.Index, (string?)a.Item.Id))]);
        var result = new List<KeyActivity>(activities.Count);
        foreach (var (i, a) in activities)
        {
            var at = $"keyActivities[{i}]";
            var title = v.RequiredText($"{at}.title", a.Title, TextLimits.Title);
            var lead = Agency.Validate(v, $"{at}.lead", a.Lead, required: true);
            var coordinators = Agency.ValidateList(v, $"{at}.coordinators", a.Coordinators);
            var funding = v.OptionalText($"{at}.funding", a.Funding, TextLimits.Short);
            var timeFrame = v.OptionalText($"{at}.timeFrame", a.TimeFrame, TextLimits.Short);
            if (title is not null && lead is not null)
            {
                result.Add(a with { Title = title, Lead = lead, Coordinators = coordinators, Funding = funding, TimeFrame = timeFrame });
            }
        }

        return result;
    }

    private IReadOnlyList<Assignment> ValidateAssignments(Validator v, bool periodValid)
    {
        var result = new List<Assignment>();
        foreach (var (i, a) in v.Items("assignments", Assignments))
        {
            var at = $"assignments[{i}]";
            var assignee = Agency.Validate(v, $"{at}.assignee", a.Assignee, required: true);
            var duties = new List<string>();
            foreach (var (d, duty) in v.Items($"{at}.duties", a.Duties))
            {
                if (v.RequiredText($"{at}.duties[{d}]", duty, TextLimits.Long) is { } text)
                {
                    duties.Add(text);
                }
            }

            if (periodValid && a.PlanDeadline is { } deadline && !WithinCampaign(deadline))
            {
                v.Add($"{at}.planDeadline", "out_of_range", $"The deadline {deadline:yyyy-MM-dd} must fall within the plan period {Period}.");
            }

            if (a.Covers is { } group && !Enum.IsDefined(group))
            {
                v.Add($"{at}.covers", "invalid_value", $"'{at}.covers' must be communes, districts or departments.");
            }
            else if (a.Covers is not null && assignee?.Code is not null)
            {
                v.Add($"{at}.covers", "ambiguous_assignee", $"Assignment {i + 1} names both a unit ('{assignee.Code}') and a group ('{a.Covers}'): name one unit by its code, or a group of units.");
            }

            if (assignee is not null)
            {
                result.Add(a with { Assignee = assignee, Duties = [.. duties] });
            }
        }

        return result;
    }

    /// <summary>Deadlines the plan sets fall within its period (a year before it at most, for a plan issued early).</summary>
    /// <summary>Dates set by the plan (its issue deadline, its units' plan deadlines) fall within its whole period or the year before.</summary>
    private bool WithinCampaign(DateOnly date) => (Programme ?? Period!) is var whole && date >= YearBefore(whole.From) && date <= whole.To;

    private static DateOnly YearBefore(DateOnly date) => date.Year > 1 ? date.AddYears(-1) : DateOnly.MinValue;

    private static void CheckUniqueIds(Validator v, string field, IReadOnlyList<(int Index, string? Id)> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, id) in ids)
        {
            if (!ItemId.IsValid(id))
            {
                v.Add($"{field}[{i}].id", "malformed_id", $"'{id}' is not an id: use 1–32 letters, digits, '.', '_' or '-'.");
            }
            else if (!seen.Add(id!))
            {
                v.Add($"{field}[{i}].id", "duplicate", $"The id '{id}' is used twice in '{field}'.");
            }
        }
    }
}
