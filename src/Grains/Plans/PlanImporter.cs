using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Plans;

/// <summary>
/// Imports plan files. Everything is checked before anything is written — the file parses, the
/// issuing unit and every unit code it names exist, the plan and all its tasks are valid — and the
/// write itself is one grain call, so a failed import changes nothing.
/// </summary>
public sealed class PlanImporter(IGrainFactory grains)
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
        if (v.OptionalText("hierarchy", file.Hierarchy, 32) is { } hierarchy && HierarchyEdition.All.All(e => e.Id != hierarchy))
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

        var unknown = new List<DomainError>();
        foreach (var (field, code) in ReferencedCodes(file))
        {
            if (await grains.GetUnit(code).GetProfileAsync() is null)
            {
                unknown.Add(field == "unit"
                    ? Errors.UnitNotFound(code) with { Message = $"There is no unit '{code}' to import the plan into (the file was written for the '{file.Hierarchy ?? "unspecified"}' list)." }
                    : DomainError.Invalid(field, "unknown_unit", $"'{field}' names unit '{code}', which does not exist."));
            }
        }

        if (unknown.Count > 0)
        {
            return Outcome<CampaignView>.Failure(unknown);
        }

        return await grains.GetUnit(file.Unit!).ImportPlanAsync(file.Year!.Value, file.Plan!, file.Tasks ?? [], key);
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
