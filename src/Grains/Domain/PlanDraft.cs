namespace UnitGrains.Domain;

/// <summary>
/// A plan as a client sends it (HTTP body, plan file). Lists may be omitted; <see cref="Validate"/>
/// turns a draft into a <see cref="Plan"/> or into every rule it breaks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanDraft(
    string? Title = null,
    PlanPeriod? Period = null,
    string? Identifier = null,
    DateOnly? IssuedOn = null,
    string? Signer = null,
    DateOnly? IssueDeadline = null,
    IReadOnlyList<LegalBasis>? LegalBases = null,
    string? Objectives = null,
    string? Requirements = null,
    IReadOnlyList<Audience>? Audiences = null,
    IReadOnlyList<Topic>? Topics = null,
    IReadOnlyList<Channel>? Channels = null,
    IReadOnlyList<PlanTarget>? Targets = null,
    IReadOnlyList<KeyActivity>? KeyActivities = null,
    IReadOnlyList<Assignment>? Assignments = null,
    ReportingRegimeDraft? Reporting = null)
{
    private const int ShortText = 500;
    private const int LongText = 20_000;

    /// <param name="campaignYear">The year the plan is filed under: its period must start in it.</param>
    /// <param name="today">Today in Vietnam: a plan cannot claim to be issued in the future.</param>
    public Outcome<Plan> Validate(int campaignYear, DateOnly today)
    {
        var v = new Validator();
        var title = v.RequiredText("title", Title, ShortText);
        var identifier = v.OptionalText("identifier", Identifier, 64);
        var signer = v.OptionalText("signer", Signer, 200);
        var objectives = v.OptionalText("objectives", Objectives, LongText);
        var requirements = v.OptionalText("requirements", Requirements, LongText);

        ValidatePeriod(v, campaignYear, today);
        var legalBases = ValidateLegalBases(v);
        var targets = ValidateTargets(v);
        var activities = ValidateActivities(v);
        var assignments = ValidateAssignments(v);
        var audiences = v.DistinctList("audiences", Audiences);
        var topics = v.DistinctList("topics", Topics);
        var channels = v.DistinctList("channels", Channels);
        var reporting = ReportingRegime.Validate(v, "reporting", Reporting);

        return v.Finish(() => new Plan(
            title!, identifier, IssuedOn, signer, Period!, IssueDeadline, legalBases, objectives, requirements,
            audiences, topics, channels, targets, activities, assignments, reporting));
    }

    private void ValidatePeriod(Validator v, int campaignYear, DateOnly today)
    {
        if (Period is null)
        {
            v.Add("period", "required", "'period' is required: the dates the plan covers ({ \"from\": \"2022-01-01\", \"to\": \"2022-12-31\" }).");
            return;
        }

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

        if (IssuedOn is { } issued)
        {
            if (issued > today)
            {
                v.Add("issuedOn", "in_future", $"The plan cannot be issued on {issued:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
            }

            if (issued > Period.To)
            {
                v.Add("issuedOn", "issued_after_period", $"The plan is issued on {issued:yyyy-MM-dd}, after its period ends ({Period.To:yyyy-MM-dd}).");
            }
        }
    }

    private IReadOnlyList<LegalBasis> ValidateLegalBases(Validator v)
    {
        var bases = LegalBases ?? [];
        for (var i = 0; i < bases.Count; i++)
        {
            v.RequiredText($"legalBases[{i}].reference", bases[i].Reference, 200);
            v.OptionalText($"legalBases[{i}].title", bases[i].Title, ShortText);
            Agency.Validate(v, $"legalBases[{i}].issuedBy", bases[i].IssuedBy, required: false);
        }

        if (bases.Count(b => b.Kind == LegalBasisKind.ParentPlan) > 1)
        {
            v.Add("legalBases", "several_parent_plans", "A plan implements at most one parent plan.");
        }

        return [.. bases];
    }

    private IReadOnlyList<PlanTarget> ValidateTargets(Validator v)
    {
        var targets = Targets ?? [];
        CheckUniqueIds(v, "targets", targets.Select(t => t.Id).ToList());
        for (var i = 0; i < targets.Count; i++)
        {
            v.RequiredText($"targets[{i}].description", targets[i].Description, ShortText * 2);
            if (targets[i].Value is <= 0)
            {
                v.Add($"targets[{i}].value", "not_positive", $"Target '{targets[i].Id}' must be greater than 0, not {targets[i].Value}.");
            }
        }

        return [.. targets];
    }

    private IReadOnlyList<KeyActivity> ValidateActivities(Validator v)
    {
        var activities = KeyActivities ?? [];
        CheckUniqueIds(v, "keyActivities", activities.Select(a => a.Id).ToList());
        var result = new List<KeyActivity>(activities.Count);
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i];
            var at = $"keyActivities[{i}]";
            var title = v.RequiredText($"{at}.title", a.Title, ShortText * 2);
            var lead = Agency.Validate(v, $"{at}.lead", a.Lead, required: true);
            var coordinators = Agency.ValidateList(v, $"{at}.coordinators", a.Coordinators);
            var funding = v.OptionalText($"{at}.funding", a.Funding, ShortText);
            var timeFrame = v.OptionalText($"{at}.timeFrame", a.TimeFrame, ShortText);
            if (title is not null && lead is not null)
            {
                result.Add(a with { Title = title, Lead = lead, Coordinators = coordinators, Funding = funding, TimeFrame = timeFrame });
            }
        }

        return result;
    }

    private IReadOnlyList<Assignment> ValidateAssignments(Validator v)
    {
        var assignments = Assignments ?? [];
        var result = new List<Assignment>(assignments.Count);
        for (var i = 0; i < assignments.Count; i++)
        {
            var a = assignments[i];
            var assignee = Agency.Validate(v, $"assignments[{i}].assignee", a.Assignee, required: true);
            var duties = a.Duties ?? [];
            for (var d = 0; d < duties.Count; d++)
            {
                v.RequiredText($"assignments[{i}].duties[{d}]", duties[d], LongText);
            }

            if (assignee is not null)
            {
                result.Add(a with { Assignee = assignee, Duties = [.. duties] });
            }
        }

        return result;
    }

    internal static void CheckUniqueIds(Validator v, string field, IReadOnlyList<string?> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!ItemId.IsValid(ids[i]))
            {
                v.Add($"{field}[{i}].id", "malformed_id", $"'{ids[i]}' is not an id: use 1–32 letters, digits, '.', '_' or '-'.");
            }
            else if (!seen.Add(ids[i]!))
            {
                v.Add($"{field}[{i}].id", "duplicate", $"The id '{ids[i]}' is used twice in '{field}'.");
            }
        }
    }
}
