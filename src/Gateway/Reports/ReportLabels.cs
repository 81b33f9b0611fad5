using System.Globalization;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>The Vietnamese an official reads in a filed report: channels, statuses, periods, numbers.</summary>
internal static class ReportLabels
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Channel(Channel channel) => channel switch
    {
        Domain.Channel.Press => "Báo chí",
        Domain.Channel.RadioTv => "Phát thanh, truyền hình",
        Domain.Channel.WebPortal => "Cổng/Trang thông tin điện tử",
        Domain.Channel.Loudspeakers => "Hệ thống loa truyền thanh",
        Domain.Channel.Leaflets => "Tờ rơi, tờ gấp",
        Domain.Channel.PostersAndBanners => "Pa-nô, áp phích, băng rôn",
        Domain.Channel.Bulletins => "Bản tin",
        Domain.Channel.TrainingsAndConferences => "Tập huấn, hội nghị",
        Domain.Channel.Contests => "Hội thi",
        Domain.Channel.Dialogues => "Đối thoại",
        Domain.Channel.SocialNetworks => "Mạng xã hội",
        Domain.Channel.SmsAndHotline => "Tin nhắn SMS, đường dây nóng",
        Domain.Channel.OneStopDeskPosting => "Niêm yết tại Bộ phận một cửa",
        _ => channel.ToString(),
    };

    public static string Status(ChildReportStatus? status) => status switch
    {
        ChildReportStatus.OnTime => "Đúng hạn",
        ChildReportStatus.Late => "Trễ hạn",
        ChildReportStatus.Missing => "Chưa báo cáo (quá hạn)",
        ChildReportStatus.NotYetDue => "Chưa đến hạn",
        ChildReportStatus.NotRequired => "Không yêu cầu",
        ChildReportStatus.NoPlan => "Chưa có kế hoạch",
        _ => "Chưa có kế hoạch",
    };

    /// <summary>The office's review of a child's report, as the document writes it (blank: none yet).</summary>
    public static string Review(ReviewDecision? review) => review switch
    {
        ReviewDecision.Accepted => "Đã duyệt",
        ReviewDecision.Returned => "Trả lại",
        _ => string.Empty,
    };

    public static string Period(ConsolidatedReport report)
    {
        if (!Consolidation.TryParsePeriod(report.Period, out var period))
        {
            return report.Period;
        }

        return period.Kind switch
        {
            ReportPeriodKind.Quarter => $"quý {new[] { "I", "II", "III", "IV" }[period.Index - 1]} năm {period.Year}",
            ReportPeriodKind.FirstHalf => $"6 tháng đầu năm {period.Year}",
            _ => $"năm {period.Year}",
        };
    }

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(decimal value) => value.ToString("#,0.##", Vietnamese);

    public static string Score(double? score) => score?.ToString("0.00", Vietnamese) ?? "–";

    public static string Percent(double? rate) => rate is { } r ? (100 * r).ToString("0.0", Vietnamese) + "%" : "–";
}
