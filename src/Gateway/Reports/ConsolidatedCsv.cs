using System.Globalization;
using System.Text;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// The tables of a consolidated report as CSV: one table after another, each under a title line
/// and a header row, separated by a blank line. Numbers and dates are invariant (1234.5,
/// 2026-03-05) so spreadsheets read them as numbers; headings are Vietnamese. A UTF-8 byte-order
/// mark lets Excel open the Vietnamese text correctly.
/// </summary>
internal static class ConsolidatedCsv
{
    public static string Write(ConsolidatedReport report)
    {
        var csv = new StringBuilder("\uFEFF");
        Row(csv, "Báo cáo tổng hợp", report.Unit.Code, report.Unit.Name, report.Period, Iso(report.From), Iso(report.To), $"Số liệu đến {Iso(report.AsOf)}");
        csv.AppendLine();

        Row(csv, "Kết quả theo hình thức tuyên truyền");
        Row(csv, "Hình thức", "Mã", "Của đơn vị", "Của đơn vị trực thuộc", "Tổng", "Chờ duyệt");
        foreach (var o in report.Outputs)
        {
            Row(csv, ReportLabels.Channel(o.Channel), Camel(o.Channel.ToString()), Num(o.Own), Num(o.Children), Num(o.Total), Num(o.Unreviewed));
        }

        csv.AppendLine();
        Row(csv, "Nhiệm vụ của đơn vị");
        Row(csv, "Mã", "Nhiệm vụ", "Tình trạng", "Hạn", "Ngày hoàn thành", "Quá hạn");
        foreach (var t in report.TasksDone)
        {
            Row(csv, t.Id, t.Title, "Đã hoàn thành", Iso(t.DueDate), Iso(t.CompletedOn), t.Late ? "Có" : "Không");
        }

        foreach (var t in report.TasksPending)
        {
            Row(csv, t.Id, t.Title, "Chưa hoàn thành", Iso(t.DueDate), string.Empty, t.Overdue ? "Có" : "Không");
        }

        csv.AppendLine();
        Row(csv, "Tình hình báo cáo của đơn vị trực thuộc");
        Row(csv, "Mã", "Đơn vị", "Tình trạng", "Hạn báo cáo", "Ngày gửi", "Số ngày trễ", "Nhiệm vụ hoàn thành", "Nhiệm vụ chưa hoàn thành", "Điểm", "Xếp hạng", "Duyệt");
        foreach (var c in report.Children)
        {
            Row(csv, c.Unit.Code, c.Unit.Name, ReportLabels.Status(c.Status), Iso(c.Deadline), Iso(c.SubmittedOn), c.DaysLate?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                c.TasksDone.ToString(CultureInfo.InvariantCulture), c.TasksPending.ToString(CultureInfo.InvariantCulture),
                c.Score?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty, c.Rank?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, ReportLabels.Review(c.Review));
        }

        csv.AppendLine();
        Row(csv, "Chỉ số đánh giá");
        Row(csv, "Phạm vi", "Điểm", "Ban hành kế hoạch", "Hoàn thành nhiệm vụ", "Đúng hạn nhiệm vụ", "Báo cáo", "Đúng hạn báo cáo", "Đạt chỉ tiêu", "Kiến nghị mở");
        Scores(csv, "Đơn vị", report.OwnScores);
        Scores(csv, "Toàn địa bàn", report.SubtreeScores);
        return csv.ToString();
    }

    private static void Scores(StringBuilder csv, string scope, Indicators? i)
    {
        if (i is null)
        {
            return;
        }

        Row(csv, scope, Rate(i.Score), Rate(i.PlanIssued), Rate(i.TaskCompletion), Rate(i.TaskTimeliness), Rate(i.ReportingRate), Rate(i.ReportingTimeliness), Rate(i.OutputAchievement), i.OpenEscalations.ToString(CultureInfo.InvariantCulture));
    }

    private static string Rate(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static void Row(StringBuilder csv, params string[] fields) =>
        csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a title as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
