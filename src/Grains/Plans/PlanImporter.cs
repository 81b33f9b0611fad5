using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Plans;

/// <summary>
/// Imports plan files. Everything is checked before anything is written — the file parses, the
/// issuing unit and every unit code it names exist, the plan and all its tasks are valid. Codes are
/// read in the list the file names (<c>70</c> in a file of the 3level-2023 list is tỉnh Bình Phước,
/// <c>70@2025-06-30</c>), or as today's codes, and stored as the keys of those units.
/// A plan over several years is filed year by year (<see cref="PlanYears"/>), every year checked
/// before the first is written; each year is one grain call, so a failed import changes nothing.
/// </summary>
public sealed class PlanImporter(IGrainFactory grains, TimeProvider? clock = null)
{
    public static Outcome<PlanFile> Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PlanFile>(json, ApiJson.Options) is { } file
                ? file
                : DomainError.Invalid("$", "empty", "The plan file is empty (null).");
        }
        catch (JsonException e)
        {
            return DomainError.Invalid(e.Path ?? "$", "malformed_json", $"The plan file is not valid: {e.Message}");
        }
    }

    public async Task<Outcome<CampaignView>> ImportAsync(PlanFile file, IdempotencyKey? key = null)
    {
        var v = new Validator();
        if (!UnitCode.IsWellFormed(file.Unit))
        {
            v.AddRange([UnitCode.Malformed("unit", file.Unit)]);
        }

        if (file.Year is not { } year)
        {
            v.Add("year", "required", "'year' is required: the campaign year the plan is filed under.");
        }
        else if (CampaignYear.Check(year) is { } yearError)
        {
            v.AddRange([yearError]);
        }

        // What the file says of itself is checked like any text, and the list it names must be one the system knows.
        var hierarchy = v.OptionalText("hierarchy", file.Hierarchy, 32);
        var list = HierarchyEdition.Named(hierarchy);
        if (hierarchy is not null && list is null)
        {
            v.Add("hierarchy", "unknown_hierarchy", $"'{hierarchy}' is not a list of units: use {string.Join(", ", HierarchyEdition.All.Select(e => $"'{e.Id}'"))}.");
        }

        v.OptionalText("source", file.Source, TextLimits.Note);
        if (file.Plan is null)
        {
            v.Add("plan", "required", "'plan' is required.");
        }

        if (v.HasErrors)
        {
            return Outcome<CampaignView>.Failure(v.Errors);
        }

        // The list the file names says what its codes meant; a file naming none (or a blank one) is written in today's codes.
        var on = list?.EffectiveFrom;
        var today = VietnamCalendar.Today(clock ?? TimeProvider.System);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<DomainError>();
        foreach (var (field, code) in ReferencedCodes(file))
        {
            var resolved = await new CodeDirectory(grains).ResolveAsync(code, on, today);
            var unitKey = resolved.IsSuccess ? resolved.GetValue() : code;
            keys[code] = unitKey;
            if (!resolved.IsSuccess || await grains.GetUnit(unitKey).GetProfileAsync() is null)
            {
                unknown.Add(field == "unit"
                    ? Errors.UnitNotFound(code) with { Message = $"There is no unit '{code}'{(list is not null ? $" in the {list.Id} list" : "")} to import the plan into (the file was written for the '{file.Hierarchy ?? "unspecified"}' list)." }
                    : DomainError.Invalid(field, "unknown_unit", $"'{field}' names unit '{code}', which does not exist{(list is not null ? $" in the {list.Id} list" : "")}."));
            }
        }

        if (unknown.Count > 0)
        {
            return Outcome<CampaignView>.Failure(unknown);
        }

        var mapped = PlanFileCodes.Map(file, code => keys.GetValueOrDefault(code, code));
        var years = PlanYears.Split(file.Year!.Value, mapped.Plan!, mapped.Tasks ?? []);
        var unit = grains.GetUnit(mapped.Unit!);
        if (years.Count > 1)
        {
            var invalid = years.SelectMany(y =>
            {
                var plan = y.Plan.Validate(y.Year, today);
                return plan.IsSuccess
                    ? y.Tasks.SelectMany((t, i) => t?.Validate($"t{i + 1}", plan.GetValue(), $"tasks[{i}]").Errors ?? [DomainError.Invalid($"tasks[{i}]", "required", "A task cannot be null.")])
                    : plan.Errors;
            }).ToList();
            if (invalid.Count > 0)
            {
                return Outcome<CampaignView>.Failure(invalid);
            }
        }

        // The later years first: the file's own year, whose answer is the import's, is written last.
        Outcome<CampaignView>? first = null;
        foreach (var part in years.Reverse())
        {
            var outcome = await unit.ImportPlanAsync(part.Year, part.Plan, part.Tasks, key is null || years.Count == 1 ? key : key with { Key = $"{key.Key}#{part.Year}" });
            if (!outcome.IsSuccess)
            {
                return outcome;
            }

            first = outcome;
        }

        return first!;
    }

    /// <summary>The issuing unit first, then each distinct code an agency in the file names.</summary>
    private static IEnumerable<(string Field, string Code)> ReferencedCodes(PlanFile file)
    {
        var seen = new HashSet<string> { file.Unit! };
        yield return ("unit", file.Unit!);
        var plan = file.Plan!;
        var agencies = new List<(string, Agency?)>();
        agencies.AddRange((plan.LegalBases ?? []).Select((b, i) => ($"plan.legalBases[{i}].issuedBy", b?.IssuedBy)));
        agencies.AddRange((plan.KeyActivities ?? []).Select((a, i) => ($"plan.keyActivities[{i}].lead", a?.Lead)));
        agencies.AddRange((plan.KeyActivities ?? []).SelectMany((a, i) => (a?.Coordinators ?? []).Select((c, j) => ($"plan.keyActivities[{i}].coordinators[{j}]", (Agency?)c))));
        agencies.AddRange((plan.Assignments ?? []).Select((a, i) => ($"plan.assignments[{i}].assignee", a?.Assignee)));
        agencies.Add(("plan.reporting.consolidator", plan.Reporting?.Consolidator));
        agencies.AddRange((file.Tasks ?? []).Select((t, i) => ($"tasks[{i}].lead", t?.Lead)));
        agencies.AddRange((file.Tasks ?? []).SelectMany((t, i) => (t?.Coordinators ?? []).Select((c, j) => ($"tasks[{i}].coordinators[{j}]", (Agency?)c))));
        foreach (var (field, agency) in agencies)
        {
            if (agency?.Code is { } code && UnitCode.IsWellFormed(code) && seen.Add(code))
            {
                yield return (field, code);
            }
        }
    }
}
