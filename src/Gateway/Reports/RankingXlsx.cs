using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// A ranking of children as an Excel workbook of one sheet: a header row (frozen, with an
/// autofilter) and a row per child in the order given. Ranks, scores, rates and counts are
/// numbers — rates as fractions shown as percentages — so a spreadsheet sorts and sums them;
/// a value not defined yet (nothing due) is an empty cell, as it is null in the JSON.
/// </summary>
internal static class RankingXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Xếp hạng";

    /// <summary>Cell styles, by their index in <see cref="Styles"/>.</summary>
    private const uint Plain = 0, Header = 1, Percent = 2, Score = 3;

    private sealed record Field(string Header, double Width, uint Style, Func<ChildScore, object?> Value);

    private static readonly Field[] Fields =
    [
        new("Hạng", 7, Plain, c => c.Rank),
        new("Mã", 10, Plain, c => c.Unit.Code),
        new("Tên", 32, Plain, c => c.Unit.Name),
        new("Loại", 20, Plain, c => ReportLabels.Kind(c.Unit.Kind)),
        new("Điểm", 9, Score, c => c.Subtree.Score),
        .. ReportLabels.Rates.Select(r => new Field(r.Name, 14, Percent, c => r.Of(c.Subtree))),
        new(ReportLabels.OpenEscalationsName, 14, Plain, c => c.Subtree.OpenEscalations),
    ];

    public static byte[] Write(IReadOnlyList<ChildScore> ranking)
    {
        using var stream = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = workbook.AddWorkbookPart();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            var data = new SheetData(NewRow(1, Fields.Select(c => TextCell(c.Header, Header))));
            for (var i = 0; i < ranking.Count; i++)
            {
                var child = ranking[i];
                data.Append(NewRow((uint)i + 2, Fields.Select(c => ValueCell(c.Value(child), c.Style))));
            }

            var range = $"A1:{Letter(Fields.Length - 1)}{ranking.Count + 1}";
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft })
                { TabSelected = true, WorkbookViewId = 0 }),
                new Columns(Fields.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data,
                new AutoFilter { Reference = range });
            book.Workbook = new Workbook(
                new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = book.GetIdOfPart(sheetPart) }),
                // Excel keeps an autofilter's range under this name; without it the filter still works but Excel repairs the file.
                new DefinedNames(new DefinedName($"'{SheetName}'!${Letter(0)}$1:${Letter(Fields.Length - 1)}${ranking.Count + 1}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
        }

        return stream.ToArray();
    }

    private static Row NewRow(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var cell in cells)
        {
            cell.CellReference = $"{Letter(column++)}{index}";
            row.Append(cell);
        }

        return row;
    }

    private static Cell ValueCell(object? value, uint style) => value switch
    {
        null => new Cell { StyleIndex = style },
        string text => TextCell(text, style),
        int n => new Cell { CellValue = new CellValue(n), DataType = CellValues.Number, StyleIndex = style },
        double d => new Cell { CellValue = new CellValue(d), DataType = CellValues.Number, StyleIndex = style },
        _ => throw new InvalidOperationException($"No cell for a {value.GetType().Name}."),
    };

    /// <summary>Inline text: no shared-string table to keep for a sheet written once.</summary>
    private static Cell TextCell(string text, uint style) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style };

    /// <summary>A column's letter; a ranking has fewer than 26 columns.</summary>
    private static string Letter(int column) => ((char)('A' + column)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Plain; the header bold, wrapped and centred; rates as 0.0 %; scores as 0.00.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        // The two fills every workbook starts with (none, gray125); Excel expects both.
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true })
        { Count = 4 });
}
