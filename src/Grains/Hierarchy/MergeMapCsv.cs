using System.Text;

namespace UnitGrains.Hierarchy;

/// <summary>A row of the 2025 merge map: a unit of the last 3-level list and the 2-level unit it went (wholly or partly) into.</summary>
public sealed record MergeRow(string NewCode, string NewName, int NewLevel, string OldCode, string OldName, bool Partial);

/// <summary>Reads <c>data/units/merge-map-2025-07.csv</c> (<see cref="CsvRows"/>'s conventions).</summary>
public static class MergeMapCsv
{
    public const string FileName = "merge-map-2025-07.csv";

    private static readonly string[] Header = ["new_code", "new_name", "new_level", "old_code", "old_name", "merge_type"];

    public static IReadOnlyList<MergeRow> Read(string path) => CsvRows.Read(path, Header, Parse);

    public static IReadOnlyList<MergeRow> Read(TextReader reader, string source) => CsvRows.Read(reader, source, Header, Parse);

    private static MergeRow Parse(string[] f) =>
        int.TryParse(f[2], out var level) && f[5] is "full" or "partial"
            ? new MergeRow(f[0], f[1].Normalize(NormalizationForm.FormC), level, f[3], f[4].Normalize(NormalizationForm.FormC), f[5] == "partial")
            : throw new FormatException($"expected a level and 'full' or 'partial', found '{f[2]}' and '{f[5]}'.");
}
