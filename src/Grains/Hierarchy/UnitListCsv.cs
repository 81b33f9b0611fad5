using System.Text;

namespace UnitGrains.Hierarchy;

/// <summary>
/// Reads the official lists: UTF-8, header row, comma-separated, no quoting (the lists hold no
/// commas or quotes in values; a row with the wrong number of fields is reported, not guessed at).
/// </summary>
public static class UnitListCsv
{
    private static readonly string[] Header = ["code", "name", "kind", "parent_code", "level", "type_vi", "short_name", "name_en", "slug"];

    public static IReadOnlyList<OfficialUnit> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<OfficialUnit> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Split(',');
        if (header is null || !header.SequenceEqual(Header))
        {
            throw new InvalidDataException($"{source}: the header must be '{string.Join(',', Header)}'.");
        }

        var units = new List<OfficialUnit>(16_384);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length != Header.Length)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: expected {Header.Length} fields, found {f.Length}.");
            }

            if (!int.TryParse(f[4], out var level) || OfficialUnit.KindOf(f[2]) is null)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: unknown kind '{f[2]}' or level '{f[4]}'.");
            }

            units.Add(new OfficialUnit(f[0], f[1].Normalize(NormalizationForm.FormC), f[2], f[3].Length == 0 ? null : f[3], level, f[6], f[7]));
        }

        return units;
    }
}
