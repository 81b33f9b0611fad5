using System.Text;

namespace UnitGrains.Hierarchy;

/// <summary>
/// The shipped CSV files' one convention: UTF-8, a header row, comma-separated, no quoting (their
/// values hold no commas or quotes; a row with the wrong number of fields is reported, not guessed at).
/// </summary>
internal static class CsvRows
{
    /// <param name="parse">Turns a row's fields into a value; a <see cref="FormatException"/> it throws is reported with the row's place.</param>
    public static IReadOnlyList<T> Read<T>(TextReader reader, string source, string[] header, Func<string[], T> parse)
    {
        var first = reader.ReadLine()?.TrimStart('\uFEFF').Split(',');
        if (first is null || !first.SequenceEqual(header))
        {
            throw new InvalidDataException($"{source}: the header must be '{string.Join(',', header)}'.");
        }

        var rows = new List<T>(16_384);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: expected {header.Length} fields, found {fields.Length}.");
            }

            try
            {
                rows.Add(parse(fields));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: {e.Message}", e);
            }
        }

        return rows;
    }

    public static IReadOnlyList<T> Read<T>(string path, string[] header, Func<string[], T> parse)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path), header, parse);
    }
}
