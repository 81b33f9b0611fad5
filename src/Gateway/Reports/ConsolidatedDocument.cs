using System.Globalization;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// What a consolidated report says as an administrative document (Nghị định 30/2020/NĐ-CP): the
/// heading (issuing body, number and symbol, national heading, place and date), the title and
/// subject, the sections with their tables, the recipients and the signature block. The HTML and
/// Word writers lay out the same document.
/// </summary>
/// <param name="NumberAndSymbol">The number is left blank: the office fills it in when it registers the document.</param>
internal sealed record ConsolidatedDocument(
    IssuingBody Issuer,
    string NumberAndSymbol,
    string PlaceAndDate,
    string Subject,
    string Span,
    IReadOnlyList<ReportBlock> Body,
    string Note)
{
    public const string NationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string Title = "BÁO CÁO";
    public const string Recipients = "Nơi nhận:";
    public const string SignaturePlaceholder = "(Ký, ghi rõ họ tên)";

    /// <summary>Room for the number the office writes in by hand or on registering (non-breaking, so HTML keeps it).</summary>
    private const string BlankNumber = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0";

    public static ConsolidatedDocument Of(ConsolidatedReport r, IssuingBody issuer)
    {
        var period = ReportLabels.Period(r);
        List<ReportBlock> body =
        [
            new BodyText($"Căn cứ {r.PlanTitle ?? "kế hoạch của đơn vị (chưa ban hành)"}, {r.Unit.Name} báo cáo kết quả như sau:"),
            new SectionHeading("I. KẾT QUẢ THỰC HIỆN"),
            new SubHeading("1. Kết quả theo hình thức tuyên truyền"),
            r.Outputs.Count == 0 ? new BodyText("Chưa có kết quả được ghi nhận trong kỳ.") : Outputs(r.Outputs),
            new SubHeading("2. Nhiệm vụ đã hoàn thành"),
            Tasks(r.TasksDone, done: true),
            new SubHeading("3. Nhiệm vụ chưa hoàn thành"),
            Tasks(r.TasksPending, done: false),
            new SectionHeading("II. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC"),
            new BodyText(Summary(r.Reporting)),
        ];

        var part = 0;
        if (r.LateOrMissing.Count > 0)
        {
            body.Add(new SubHeading($"{++part}. Đơn vị báo cáo trễ hạn hoặc chưa báo cáo"));
            body.Add(LateOrMissing(r.LateOrMissing));
        }

        if (r.Children.Count > 0)
        {
            body.Add(new SubHeading($"{++part}. Chi tiết theo đơn vị"));
            body.Add(Children(r.Children));
        }

        body.Add(new SectionHeading("III. CHỈ SỐ ĐÁNH GIÁ"));
        body.Add(r.OwnScores is null && r.SubtreeScores is null ? new BodyText("Chưa có chỉ số.") : Indicators(r.OwnScores, r.SubtreeScores));

        return new ConsolidatedDocument(
            issuer,
            $"Số:{BlankNumber}/BC-{issuer.Abbreviation}",
            Dated(issuer.Place, r.AsOf),
            $"Tổng hợp kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {period}",
            $"(từ {ReportLabels.Date(r.From)} đến {ReportLabels.Date(r.To)})",
            body,
            $"Báo cáo được lập tự động từ dữ liệu của hệ thống ngày {ReportLabels.Date(r.AsOf)}; chỉ số đánh giá là số liệu tại thời điểm lập báo cáo.");
    }

    /// <summary>
    /// "Tuyên Quang, ngày 07 tháng 12 năm 2026": the decree writes a day below 10 and the months 1
    /// and 2 with a leading zero (ngày 05 tháng 02), other months without (tháng 3).
    /// </summary>
    public static string Dated(string place, DateOnly date) =>
        $"{place}, ngày {date.Day.ToString("00", CultureInfo.InvariantCulture)} tháng {date.Month.ToString(date.Month < 3 ? "00" : "0", CultureInfo.InvariantCulture)} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";

    private static ReportTable Outputs(IReadOnlyList<ChannelOutput> outputs) => new(
        [new("STT", true), new("Hình thức"), new("Của đơn vị", true), new("Của đơn vị trực thuộc (đã duyệt)", true), new("Tổng", true), new("Chờ duyệt", true)],
        [.. outputs.Select((o, i) => Row(Ordinal(i), ReportLabels.Channel(o.Channel), ReportLabels.Number(o.Own), ReportLabels.Number(o.Children), ReportLabels.Number(o.Total), ReportLabels.Number(o.Unreviewed)))]);

    private static ReportBlock Tasks(IReadOnlyList<TaskLine> tasks, bool done) => tasks.Count == 0
        ? new BodyText("Không có.")
        : new ReportTable(
            [new("STT", true), new("Nhiệm vụ"), new("Hạn"), new(done ? "Ngày hoàn thành" : "Tình trạng")],
            [.. tasks.Select((t, i) => Row(
                Ordinal(i),
                t.Title,
                ReportLabels.Date(t.DueDate),
                done ? ReportLabels.Date(t.CompletedOn) + (t.Late ? " (muộn)" : string.Empty) : t.Overdue ? "Quá hạn" : "Đang thực hiện"))]);

    private static string Summary(ReportingSummary s) =>
        $"Tổng số {s.Children} đơn vị: {s.OnTime} đúng hạn, {s.Late} trễ hạn, {s.Missing} chưa báo cáo (quá hạn), {s.NotYetDue} chưa đến hạn, {s.NoPlan} chưa có kế hoạch"
        + (s.NotRequired > 0 ? $", {s.NotRequired} không yêu cầu báo cáo kỳ này" : string.Empty)
        + $"; đã duyệt {s.Accepted}, trả lại {s.Returned}.";

    private static ReportTable LateOrMissing(IReadOnlyList<ChildReportLine> lines) => new(
        [new("STT", true), new("Đơn vị"), new("Tình trạng"), new("Hạn báo cáo"), new("Ngày gửi"), new("Số ngày trễ", true)],
        [.. lines.Select((c, i) => Row(Ordinal(i), c.Unit.Name, ReportLabels.Status(c.Status), ReportLabels.Date(c.Deadline), ReportLabels.Date(c.SubmittedOn), Count(c.DaysLate)))]);

    private static ReportTable Children(IReadOnlyList<ChildReportLine> lines) => new(
        [new("STT", true), new("Đơn vị"), new("Báo cáo"), new("Duyệt"), new("Nhiệm vụ hoàn thành", true), new("Nhiệm vụ chưa hoàn thành", true), new("Điểm", true), new("Xếp hạng", true)],
        [.. lines.Select((c, i) => Row(
            Ordinal(i),
            c.Unit.Name,
            ReportLabels.Status(c.Status),
            ReportLabels.Review(c.Review),
            Count(c.TasksDone),
            Count(c.TasksPending),
            ReportLabels.Score(c.Score),
            Count(c.Rank)))]);

    private static ReportTable Indicators(Indicators? own, Indicators? subtree) => new(
        [new("Chỉ số"), new("Đơn vị", true), new("Toàn địa bàn", true)],
        [
            Row(ReportLabels.ScoreName, ReportLabels.Score(own?.Score), ReportLabels.Score(subtree?.Score)),
            .. ReportLabels.Rates.Select(rate => Row(rate.Name, ReportLabels.Percent(own is null ? null : rate.Of(own)), ReportLabels.Percent(subtree is null ? null : rate.Of(subtree)))),
            Row(ReportLabels.OpenEscalationsName, Count(own?.OpenEscalations ?? 0), Count(subtree?.OpenEscalations ?? 0)),
        ]);

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string Ordinal(int index) => Count(index + 1);

    private static string Count(int? value) => value?.ToString(ReportLabels.Vietnamese) ?? string.Empty;
}
