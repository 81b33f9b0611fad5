using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// A consolidated report as a printable document in the layout of an administrative report
/// (Nghị định 30/2020/NĐ-CP): issuing unit and national motto, title, numbered sections, tables,
/// signature block; A4, Times New Roman. Every value is HTML-encoded — names and titles are user input.
/// </summary>
internal static class ConsolidatedHtml
{
    private const string Style = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 210mm; margin: 0 auto; padding: 12px; }
        .head { display: flex; justify-content: space-between; text-align: center; }
        .head div { width: 48%; }
        .head b { display: block; }
        .motto { text-decoration: underline; font-weight: bold; }
        .date { font-style: italic; text-align: right; margin: 8px 0 16px; }
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
        .note { font-size: 10pt; font-style: italic; margin-top: 24px; }
        @media print { body { padding: 0; } }
        """;

    public static string Write(ConsolidatedReport r)
    {
        var html = new StringBuilder();
        var period = ReportLabels.Period(r);
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E($"Báo cáo tổng hợp {period} – {r.Unit.Name}"))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<div class=\"head\"><div><b>").Append(E(r.Unit.Name.ToUpper(ReportLabels.Vietnamese))).Append("</b>Số: ……/BC</div>")
            .Append("<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><span class=\"motto\">Độc lập – Tự do – Hạnh phúc</span></div></div>\n");
        html.Append("<p class=\"date\">ngày ").Append(r.AsOf.Day.ToString("00", ReportLabels.Vietnamese)).Append(" tháng ")
            .Append(r.AsOf.Month.ToString("00", ReportLabels.Vietnamese)).Append(" năm ").Append(r.AsOf.Year).Append("</p>\n");
        html.Append("<h1>BÁO CÁO TỔNG HỢP</h1>\n<p class=\"subtitle\">Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính ")
            .Append(E(period)).Append("<br>(từ ").Append(ReportLabels.Date(r.From)).Append(" đến ").Append(ReportLabels.Date(r.To)).Append(")</p>\n");
        html.Append("<p>Căn cứ ").Append(r.PlanTitle is null ? "kế hoạch của đơn vị (chưa ban hành)" : E(r.PlanTitle))
            .Append(", ").Append(E(r.Unit.Name)).Append(" báo cáo kết quả như sau:</p>\n");

        html.Append("<h2>I. KẾT QUẢ THỰC HIỆN</h2>\n<h3>1. Kết quả theo hình thức tuyên truyền</h3>\n");
        if (r.Outputs.Count == 0)
        {
            html.Append("<p>Chưa có kết quả được ghi nhận trong kỳ.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>STT</th><th>Hình thức</th><th>Của đơn vị</th><th>Của đơn vị trực thuộc (đã duyệt)</th><th>Tổng</th><th>Chờ duyệt</th></tr>\n");
            var i = 0;
            foreach (var o in r.Outputs)
            {
                html.Append("<tr><td class=\"n\">").Append(++i).Append("</td><td>").Append(E(ReportLabels.Channel(o.Channel)))
                    .Append("</td><td class=\"n\">").Append(ReportLabels.Number(o.Own)).Append("</td><td class=\"n\">").Append(ReportLabels.Number(o.Children))
                    .Append("</td><td class=\"n\">").Append(ReportLabels.Number(o.Total)).Append("</td><td class=\"n\">").Append(ReportLabels.Number(o.Unreviewed)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        Tasks(html, "2. Nhiệm vụ đã hoàn thành", r.TasksDone, done: true);
        Tasks(html, "3. Nhiệm vụ chưa hoàn thành", r.TasksPending, done: false);

        var s = r.Reporting;
        html.Append("<h2>II. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC</h2>\n<p>Tổng số ").Append(s.Children).Append(" đơn vị: ")
            .Append(s.OnTime).Append(" đúng hạn, ").Append(s.Late).Append(" trễ hạn, ").Append(s.Missing).Append(" chưa báo cáo (quá hạn), ")
            .Append(s.NotYetDue).Append(" chưa đến hạn, ").Append(s.NoPlan).Append(" chưa có kế hoạch").Append(s.NotRequired > 0 ? $", {s.NotRequired} không yêu cầu báo cáo kỳ này" : string.Empty)
            .Append("; đã duyệt ").Append(s.Accepted).Append(", trả lại ").Append(s.Returned).Append(".</p>\n");
        if (r.LateOrMissing.Count > 0)
        {
            html.Append("<h3>1. Đơn vị báo cáo trễ hạn hoặc chưa báo cáo</h3>\n<table><tr><th>STT</th><th>Đơn vị</th><th>Tình trạng</th><th>Hạn báo cáo</th><th>Ngày gửi</th><th>Số ngày trễ</th></tr>\n");
            var i = 0;
            foreach (var c in r.LateOrMissing)
            {
                html.Append("<tr><td class=\"n\">").Append(++i).Append("</td><td>").Append(E(c.Unit.Name)).Append("</td><td>").Append(E(ReportLabels.Status(c.Status)))
                    .Append("</td><td>").Append(ReportLabels.Date(c.Deadline)).Append("</td><td>").Append(ReportLabels.Date(c.SubmittedOn))
                    .Append("</td><td class=\"n\">").Append(c.DaysLate).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (r.Children.Count > 0)
        {
            html.Append("<h3>").Append(r.LateOrMissing.Count > 0 ? "2" : "1").Append(". Chi tiết theo đơn vị</h3>\n<table><tr><th>STT</th><th>Đơn vị</th><th>Báo cáo</th><th>Nhiệm vụ hoàn thành</th><th>Nhiệm vụ chưa hoàn thành</th><th>Điểm</th><th>Xếp hạng</th></tr>\n");
            var i = 0;
            foreach (var c in r.Children)
            {
                html.Append("<tr><td class=\"n\">").Append(++i).Append("</td><td>").Append(E(c.Unit.Name)).Append("</td><td>").Append(E(ReportLabels.Status(c.Status)))
                    .Append("</td><td class=\"n\">").Append(c.TasksDone).Append("</td><td class=\"n\">").Append(c.TasksPending)
                    .Append("</td><td class=\"n\">").Append(ReportLabels.Score(c.Score)).Append("</td><td class=\"n\">").Append(c.Rank).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>III. CHỈ SỐ ĐÁNH GIÁ</h2>\n");
        if (r.OwnScores is null && r.SubtreeScores is null)
        {
            html.Append("<p>Chưa có chỉ số.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>Chỉ số</th><th>Đơn vị</th><th>Toàn địa bàn</th></tr>\n");
            Indicator(html, "Điểm tổng hợp (thang 100)", ReportLabels.Score(r.OwnScores?.Score), ReportLabels.Score(r.SubtreeScores?.Score));
            Indicator(html, "Tỷ lệ ban hành kế hoạch", ReportLabels.Percent(r.OwnScores?.PlanIssued), ReportLabels.Percent(r.SubtreeScores?.PlanIssued));
            Indicator(html, "Tỷ lệ hoàn thành nhiệm vụ", ReportLabels.Percent(r.OwnScores?.TaskCompletion), ReportLabels.Percent(r.SubtreeScores?.TaskCompletion));
            Indicator(html, "Tỷ lệ hoàn thành nhiệm vụ đúng hạn", ReportLabels.Percent(r.OwnScores?.TaskTimeliness), ReportLabels.Percent(r.SubtreeScores?.TaskTimeliness));
            Indicator(html, "Tỷ lệ báo cáo", ReportLabels.Percent(r.OwnScores?.ReportingRate), ReportLabels.Percent(r.SubtreeScores?.ReportingRate));
            Indicator(html, "Tỷ lệ báo cáo đúng hạn", ReportLabels.Percent(r.OwnScores?.ReportingTimeliness), ReportLabels.Percent(r.SubtreeScores?.ReportingTimeliness));
            Indicator(html, "Mức đạt chỉ tiêu đầu ra", ReportLabels.Percent(r.OwnScores?.OutputAchievement), ReportLabels.Percent(r.SubtreeScores?.OutputAchievement));
            Indicator(html, "Kiến nghị, cảnh báo chưa xử lý", (r.OwnScores?.OpenEscalations ?? 0).ToString(ReportLabels.Vietnamese), (r.SubtreeScores?.OpenEscalations ?? 0).ToString(ReportLabels.Vietnamese));
            html.Append("</table>\n");
        }

        html.Append("<div class=\"sign\"><div><b>NGƯỜI LẬP BÁO CÁO</b><br><i>(Ký, ghi rõ họ tên)</i></div><div><b>THỦ TRƯỞNG ĐƠN VỊ</b><br><i>(Ký, đóng dấu)</i></div></div>\n");
        html.Append("<p class=\"note\">Báo cáo được lập tự động từ dữ liệu của hệ thống ngày ").Append(ReportLabels.Date(r.AsOf))
            .Append("; chỉ số đánh giá là số liệu tại thời điểm lập báo cáo.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Tasks(StringBuilder html, string heading, IReadOnlyList<TaskLine> tasks, bool done)
    {
        html.Append("<h3>").Append(heading).Append("</h3>\n");
        if (tasks.Count == 0)
        {
            html.Append("<p>Không có.</p>\n");
            return;
        }

        html.Append("<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Hạn</th><th>").Append(done ? "Ngày hoàn thành" : "Tình trạng").Append("</th></tr>\n");
        var i = 0;
        foreach (var t in tasks)
        {
            html.Append("<tr><td class=\"n\">").Append(++i).Append("</td><td>").Append(E(t.Title)).Append("</td><td>").Append(ReportLabels.Date(t.DueDate))
                .Append("</td><td>").Append(done ? ReportLabels.Date(t.CompletedOn) + (t.Late ? " (muộn)" : "") : t.Overdue ? "Quá hạn" : "Đang thực hiện").Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Indicator(StringBuilder html, string name, string own, string subtree) =>
        html.Append("<tr><td>").Append(name).Append("</td><td class=\"n\">").Append(own).Append("</td><td class=\"n\">").Append(subtree).Append("</td></tr>\n");

    /// <summary>Escapes markup only: Vietnamese letters stay letters (WebUtility would turn "ý" into &amp;#253;).</summary>
    private static string E(string text) => Encoder.Encode(text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
}
