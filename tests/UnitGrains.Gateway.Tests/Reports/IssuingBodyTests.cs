using UnitGrains.Domain;
using UnitGrains.Gateway.Reports;

namespace UnitGrains.Gateway.Tests.Reports;

/// <summary>How a report's heading, place, signer and recipients follow from the unit that issues it (Nghị định 30/2020/NĐ-CP).</summary>
public sealed class IssuingBodyTests
{
    private static readonly UnitRef Nation = new("VN", "Việt Nam", UnitKind.Nation);
    private static readonly UnitRef Province = new("08", "Tỉnh Tuyên Quang", UnitKind.Province);

    private static UnitProfile Unit(string code, string name, UnitKind kind, params UnitRef[] ancestors) =>
        new(code, name, kind, kind.ToString().ToLowerInvariant(), ancestors.LastOrDefault()?.Code, ancestors, [], null, null, "2level-2025-07");

    [Fact]
    public void A_province_committee_reports_to_the_ministry_and_signs_collectively()
    {
        var body = IssuingBody.Of(Unit("08", "Tỉnh Tuyên Quang", UnitKind.Province, Nation));

        Assert.Null(body.Superior);
        Assert.Equal(["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"], body.Name);
        Assert.Equal(("UBND", "Tuyên Quang"), (body.Abbreviation, body.Place));
        Assert.Equal(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), (body.SignerAuthority, body.SignerPosition));
        Assert.Equal(["Bộ Nội vụ (để báo cáo);", "Lưu: VT."], body.Recipients);
    }

    [Fact]
    public void A_commune_is_dated_at_its_own_name_and_reports_to_the_province_and_its_home_affairs_office()
    {
        var body = IssuingBody.Of(Unit("00694", "Phường Hà Giang 1", UnitKind.Commune, Nation, Province));

        Assert.Equal(["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ GIANG 1"], body.Name);
        Assert.Equal("Hà Giang 1", body.Place);
        Assert.Equal(["UBND tỉnh Tuyên Quang (để báo cáo);", "Sở Nội vụ tỉnh Tuyên Quang;", "Lưu: VT."], body.Recipients);
    }

    [Fact]
    public void A_department_names_its_committee_above_it_and_is_signed_by_its_head()
    {
        var body = IssuingBody.Of(Unit("08-STC", "Sở Tài chính", UnitKind.Department, Nation, Province));

        Assert.Equal("UBND TỈNH TUYÊN QUANG", body.Superior);
        Assert.Equal(["SỞ TÀI CHÍNH"], body.Name);
        Assert.Equal(("STC", "Tuyên Quang", "GIÁM ĐỐC"), (body.Abbreviation, body.Place, body.SignerPosition));
        Assert.Null(body.SignerAuthority);
        Assert.Equal(["UBND tỉnh Tuyên Quang (để báo cáo);", "Sở Nội vụ tỉnh Tuyên Quang;", "Lưu: VT."], body.Recipients);
    }

    [Fact]
    public void The_home_affairs_office_reports_to_its_own_committee_only()
    {
        var body = IssuingBody.Of(Unit("08-SNV", "Sở Nội vụ", UnitKind.Department, Nation, Province));

        Assert.Equal(["UBND tỉnh Tuyên Quang (để báo cáo);", "Lưu: VT."], body.Recipients);
        Assert.Equal("SNV", body.Abbreviation);
    }

    [Fact]
    public void The_nations_report_is_the_ministrys_dated_at_the_capital()
    {
        var body = IssuingBody.Of(Unit("VN", "Việt Nam", UnitKind.Nation));

        Assert.Equal(["BỘ NỘI VỤ"], body.Name);
        Assert.Equal(("BNV", "Hà Nội", "BỘ TRƯỞNG"), (body.Abbreviation, body.Place, body.SignerPosition));
    }

    [Theory]
    [InlineData("Tỉnh Tuyên Quang", "Tuyên Quang")]
    [InlineData("Thành phố Hà Nội", "Hà Nội")]
    [InlineData("Xã Bình Minh", "Bình Minh")]
    [InlineData("Đặc khu Phú Quốc", "Phú Quốc")]
    [InlineData("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh")]
    [InlineData("Phường 1", "Phường 1")]
    public void The_place_is_the_proper_name_unless_a_person_or_a_number(string unit, string place) =>
        Assert.Equal(place, IssuingBody.PlaceOf(unit));

    [Theory]
    [InlineData(2026, 12, 7, "Tuyên Quang, ngày 07 tháng 12 năm 2026")]
    [InlineData(2026, 2, 15, "Tuyên Quang, ngày 15 tháng 02 năm 2026")]
    [InlineData(2026, 3, 5, "Tuyên Quang, ngày 05 tháng 3 năm 2026")]
    public void The_date_has_leading_zeros_for_days_below_10_and_the_first_two_months(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ConsolidatedDocument.Dated("Tuyên Quang", new DateOnly(year, month, day)));
}
