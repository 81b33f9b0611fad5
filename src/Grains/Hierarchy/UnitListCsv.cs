using System.Text;

namespace UnitGrains.Hierarchy;

/// <summary>Reads the official lists (<see cref="CsvRows"/>'s conventions).</summary>
public static class UnitListCsv
{
    private static readonly string[] Header = ["code", "name", "kind", "parent_code", "level", "type_vi", "short_name", "name_en", "slug"];

    public static IReadOnlyList<OfficialUnit> Read(string path) => CsvRows.Read(path, Header, Parse);

    public static IReadOnlyList<OfficialUnit> Read(TextReader reader, string source) => CsvRows.Read(reader, source, Header, Parse);

    private static OfficialUnit Parse(string[] f) =>
        int.TryParse(f[4], out var level) && OfficialUnit.KindOf(f[2]) is not null
            ? new OfficialUnit(f[0], f[1].Normalize(NormalizationForm.FormC), f[2], f[3].Length == 0 ? null : f[3], level, f[6], f[7])
            : throw new FormatException($"unknown kind '{f[2]}' or level '{f[4]}'.");
}
