using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>
/// Whoever leads, coordinates or is assigned something: a unit of the hierarchy (with its
/// <paramref name="Code"/>), or a body outside it named as the document names it (a division,
/// the Fatherland Front, "the communes").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Agency([property: MaxLength(TextLimits.Name)] string Name, [property: RegularExpression(UnitCode.Pattern)] string? Code = null)
{
    internal static Agency? Validate(Validator v, string field, Agency? input, bool required)
    {
        if (input is null)
        {
            if (required)
            {
                v.Add(field, "required", $"'{field}' is required.");
            }

            return null;
        }

        var name = v.RequiredText($"{field}.name", input.Name, TextLimits.Name);
        if (input.Code is not null && !UnitCode.IsWellFormed(input.Code))
        {
            v.AddRange([UnitCode.Malformed($"{field}.code", input.Code)]);
        }

        return name is null ? null : new Agency(name, input.Code);
    }

    internal static IReadOnlyList<Agency> ValidateList(Validator v, string field, IReadOnlyList<Agency>? inputs)
    {
        var result = new List<Agency>();
        foreach (var (i, input) in v.Items(field, inputs))
        {
            if (Validate(v, $"{field}[{i}]", input, required: true) is { } agency)
            {
                result.Add(agency);
            }
        }

        return result.ToArray();
    }
}
