using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// A consolidated report as a printable document in the layout of an administrative report
/// (Nghị định 30/2020/NĐ-CP), laid out from <see cref="ConsolidatedDocument"/> as the Word document
/// is: A4, Times New Roman. Every value is HTML-encoded — names and titles are user input.
/// </summary>
internal static class ConsolidatedHtml
{
    private const string Style = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 210mm; margin: 0 auto; padding: 12px; }
        .head { display: flex; justify-content: space-between; text-align: center; }
        .head div { width: 48%; }
        .head b, .head span { display: block; }
        .motto { text-decoration: underline; font-weight: bold; }
        .date { font-style: italic; margin: 8px 0 16px; }
        h1 { font-size: 14pt; text-align: center; margin: 18px 0 2px; }
        .subtitle { text-align: center; font-weight: bold; margin-bottom: 16px; }
        h2 { font-size: 13pt; margin: 16px 0 6px; }
        h3 { font-size: 13pt; font-style: italic; font-weight: normal; margin: 10px 0 4px; }
        table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 12pt; page-break-inside: auto; }
        th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
        th { background: #f0f0f0; }
        td.n { text-align: right; white-space: nowrap; }
        tr { page-break-inside: avoid; }
        .sign { display: flex; justify-content: space-between; text-align: center; margin-top: 28px; }
        .sign div { width: 45%; }
        .sign .to { text-align: left; font-size: 11pt; }
        .note { font-size: 10pt; font-style: italic; margin-top: 24px; }
        @media print { body { padding: 0; } }
        """;

    public static string Write(ConsolidatedReport report, ConsolidatedDocument d)
    {
        var html = new StringBuilder();
        var issuer = d.Issuer;
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E($"Báo cáo tổng hợp {ReportLabels.Period(report)} – {report.Unit.Name}"))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<div class=\"head\"><div>");
        if (issuer.Superior is not null)
        {
            html.Append("<span>").Append(E(issuer.Superior)).Append("</span>");
        }

        html.Append("<b>").Append(string.Join("<br>", issuer.Name.Select(E))).Append("</b>").Append(E(d.NumberAndSymbol)).Append("</div>")
            .Append("<div><b>").Append(ConsolidatedDocument.NationalName).Append("</b><span class=\"motto\">").Append(ConsolidatedDocument.Motto).Append("</span>")
            .Append("<span class=\"date\">").Append(E(d.PlaceAndDate)).Append("</span></div></div>\n");
        html.Append("<h1>").Append(ConsolidatedDocument.Title).Append("</h1>\n<p class=\"subtitle\">").Append(E(d.Subject)).Append("<br>").Append(E(d.Span)).Append("</p>\n");

        foreach (var block in d.Body)
        {
            switch (block)
            {
                case SectionHeading h:
                    html.Append("<h2>").Append(E(h.Text)).Append("</h2>\n");
                    break;
                case SubHeading h:
                    html.Append("<h3>").Append(E(h.Text)).Append("</h3>\n");
                    break;
                case BodyText t:
                    html.Append("<p>").Append(E(t.Text)).Append("</p>\n");
                    break;
                case ReportTable t:
                    Table(html, t);
                    break;
            }
        }

        html.Append("<div class=\"sign\"><div class=\"to\"><b><i>").Append(ConsolidatedDocument.Recipients).Append("</i></b>");
        foreach (var recipient in issuer.Recipients)
        {
            html.Append("<br>- ").Append(E(recipient));
        }

        html.Append("</div><div><b>");
        if (issuer.SignerAuthority is not null)
        {
            html.Append(E(issuer.SignerAuthority)).Append("<br>");
        }

        html.Append(E(issuer.SignerPosition)).Append("</b><br><i>").Append(ConsolidatedDocument.SignaturePlaceholder).Append("</i></div></div>\n");
        html.Append("<p class=\"note\">").Append(E(d.Note)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(E(column.Header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(table.Columns[i].Numeric ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Escapes markup only: Vietnamese letters stay letters (WebUtility would turn "ý" into &amp;#253;).</summary>
    private static string E(string text) => Encoder.Encode(text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
}
