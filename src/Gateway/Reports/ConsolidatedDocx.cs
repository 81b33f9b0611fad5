using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// A consolidated report as the Word document officials file (Nghị định 30/2020/NĐ-CP, Phụ lục I):
/// A4 with the decree's margins, Times New Roman; a borderless two-column heading — issuing body
/// and number on the left, national heading, motto and place and date on the right —; the title
/// and subject; the sections and their tables; recipients bottom left and the signature block
/// bottom right. Laid out from <see cref="ConsolidatedDocument"/>, as the HTML page is.
/// </summary>
internal static class ConsolidatedDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A4 in twentieths of a point.</summary>
    public const int PageWidth = 11906, PageHeight = 16838;

    /// <summary>The decree's margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (here 20, 20, 30, 15; 1 mm ≈ 56.7 twips).</summary>
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 850;

    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const string Font = "Times New Roman";

    /// <summary>Sizes in half-points: the body 14 pt, headings and tables 13 pt, the recipients 11–12 pt (the decree's ranges).</summary>
    private const int Body = 28, Heading = 26, Recipients = 22, RecipientsTitle = 24;

    public static byte[] Write(ConsolidatedDocument d)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Defaults();
            var body = new Body(Top(d));
            body.Append(Line(ConsolidatedDocument.Title, new Look(Bold: true), JustificationValues.Center, before: 360));
            body.Append(Line(d.Subject, new Look(Bold: true), JustificationValues.Center));
            body.Append(Line(d.Span, new Look(Italic: true), JustificationValues.Center, after: 240));
            foreach (var block in d.Body)
            {
                body.Append(block switch
                {
                    SectionHeading h => Line(h.Text, new Look(Bold: true), JustificationValues.Both, before: 120, after: 60),
                    SubHeading h => Line(h.Text, new Look(Bold: true, Italic: true), JustificationValues.Both, before: 60, after: 60),
                    BodyText t => Line(t.Text, new Look(), JustificationValues.Both, after: 120, firstLine: 567),
                    ReportTable t => Grid(t),
                    _ => throw new InvalidOperationException($"No layout for {block.GetType().Name}."),
                });
                if (block is ReportTable)
                {
                    // Word joins two tables with nothing between them into one.
                    body.Append(Line(string.Empty, new Look(Size: 12), JustificationValues.Left));
                }
            }

            body.Append(Line(string.Empty, new Look(), JustificationValues.Left, after: 120));
            body.Append(Bottom(d));
            body.Append(Line(d.Note, new Look(Italic: true, Size: 20), JustificationValues.Left, before: 360));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(PageNumbers(main)) },
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
                // The first page has no header of its own, so numbers start on the second.
                new TitlePage()));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>The page number, centred at the top from the second page on, as the decree numbers pages.</summary>
    private static HeaderPart PageNumbers(MainDocumentPart main)
    {
        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new SimpleField(new Run(new Text("2"))) { Instruction = " PAGE " }));
        return header;
    }

    /// <summary>Issuing body and number (left), national heading, motto, place and date (right).</summary>
    private static Table Top(ConsolidatedDocument d)
    {
        var issuer = d.Issuer;
        var left = new List<Paragraph>();
        if (issuer.Superior is not null)
        {
            left.Add(Line(issuer.Superior, new Look(Size: Heading), JustificationValues.Center));
        }

        left.AddRange(issuer.Name.Select(n => Line(n, new Look(Bold: true, Size: Heading), JustificationValues.Center)));
        left.Add(Line(d.NumberAndSymbol, new Look(Size: Heading), JustificationValues.Center, before: 120));
        Paragraph[] right =
        [
            Line(ConsolidatedDocument.NationalName, new Look(Bold: true, Size: Heading), JustificationValues.Center),
            Line(ConsolidatedDocument.Motto, new Look(Bold: true, Underline: true), JustificationValues.Center),
            Line(d.PlaceAndDate, new Look(Italic: true), JustificationValues.Center, before: 120),
        ];
        return Borderless((TextWidth * 2 / 5, left), (TextWidth - (TextWidth * 2 / 5), right));
    }

    /// <summary>Recipients (left) and the signature block (right).</summary>
    private static Table Bottom(ConsolidatedDocument d)
    {
        var issuer = d.Issuer;
        List<Paragraph> left = [Line(ConsolidatedDocument.Recipients, new Look(Bold: true, Italic: true, Size: RecipientsTitle), JustificationValues.Left)];
        left.AddRange(issuer.Recipients.Select(r => Line($"- {r}", new Look(Size: Recipients), JustificationValues.Left)));
        var right = new List<Paragraph>();
        if (issuer.SignerAuthority is not null)
        {
            right.Add(Line(issuer.SignerAuthority, new Look(Bold: true), JustificationValues.Center));
        }

        right.Add(Line(issuer.SignerPosition, new Look(Bold: true), JustificationValues.Center));
        right.Add(Line(ConsolidatedDocument.SignaturePlaceholder, new Look(Italic: true), JustificationValues.Center));
        return Borderless((TextWidth / 2, left), (TextWidth - (TextWidth / 2), right));
    }

    private static Table Borderless(params (int Width, IEnumerable<Paragraph> Paragraphs)[] columns)
    {
        var none = new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new Table(
            new TableProperties(new TableWidth { Width = Number(TextWidth), Type = TableWidthUnitValues.Dxa }, none, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columns.Select(c => new GridColumn { Width = Number(c.Width) })));
        table.Append(new TableRow(columns.Select(c => new TableCell(
            [new TableCellProperties(new TableCellWidth { Width = Number(c.Width), Type = TableWidthUnitValues.Dxa }), .. c.Paragraphs]))));
        return table;
    }

    /// <summary>A bordered table over the text width; the header row repeats on every page.</summary>
    private static Table Grid(ReportTable t)
    {
        var border = (uint)4;
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = border }, new LeftBorder { Val = BorderValues.Single, Size = border },
                new BottomBorder { Val = BorderValues.Single, Size = border }, new RightBorder { Val = BorderValues.Single, Size = border },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = border }, new InsideVerticalBorder { Val = BorderValues.Single, Size = border }),
            new TableCellMarginDefault(new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa }, new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa })),
            // The schema wants a grid; Word then fits the columns to their text.
            new TableGrid(t.Columns.Select(_ => new GridColumn { Width = Number(TextWidth / t.Columns.Count) })));
        table.Append(new TableRow(
            [new TableRowProperties(new TableHeader(), new CantSplit()), .. t.Columns.Select(c => Cell(c.Header, new Look(Bold: true, Size: Heading), JustificationValues.Center))]));
        foreach (var row in t.Rows)
        {
            table.Append(new TableRow(
                [new TableRowProperties(new CantSplit()), .. row.Select((text, i) => Cell(text, new Look(Size: Heading), t.Columns[i].Numeric ? JustificationValues.Right : JustificationValues.Left))]));
        }

        return table;
    }

    private static TableCell Cell(string text, Look look, JustificationValues align) =>
        new(new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }), Line(text, look, align));

    /// <summary>How a run of text looks; sizes in half-points.</summary>
    private sealed record Look(bool Bold = false, bool Italic = false, bool Underline = false, int Size = Body);

    private static Paragraph Line(string text, Look look, JustificationValues align, int before = 0, int after = 0, int? firstLine = null)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Before = Number(before), After = Number(after) });
        if (firstLine is { } indent)
        {
            properties.Append(new Indentation { FirstLine = Number(indent) });
        }

        properties.Append(new Justification { Val = align });
        var run = new RunProperties();
        if (look.Bold)
        {
            run.Append(new Bold());
        }

        if (look.Italic)
        {
            run.Append(new Italic());
        }

        // The schema orders a run's properties: the size before the underline.
        run.Append(new FontSize { Val = Number(look.Size) }, new FontSizeComplexScript { Val = Number(look.Size) });
        if (look.Underline)
        {
            run.Append(new Underline { Val = UnderlineValues.Single });
        }
        return new Paragraph(properties, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Times New Roman 14 pt, Vietnamese, single spacing, for every run that says nothing else.</summary>
    private static Styles Defaults() => new(new DocDefaults(
        new RunPropertiesDefault(new RunPropertiesBaseStyle(
            new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
            new FontSize { Val = Number(Body) },
            new FontSizeComplexScript { Val = Number(Body) },
            new Languages { Val = "vi-VN" })),
        new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
            new SpacingBetweenLines { Before = "0", After = "0", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));
}
