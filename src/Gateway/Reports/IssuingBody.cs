using UnitGrains.Domain;

namespace UnitGrains.Gateway.Reports;

/// <summary>
/// Who issues a unit's report and how an administrative document names them (Nghị định
/// 30/2020/NĐ-CP, Phụ lục I): the superior body above the issuing body where it has one, the
/// issuing body in capitals, the abbreviation its document symbols end with (BC-UBND), the place
/// written before the date, who signs and on whose behalf, and where the document goes.
/// A People's Committee signs collectively (TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH); a department under its
/// committee, by its head; the nation's report is the Ministry of Home Affairs'.
/// </summary>
/// <param name="Superior">The line above the issuing body (a department's committee), or null.</param>
/// <param name="Name">The issuing body, one or two lines, in capitals.</param>
/// <param name="Recipients">Nơi nhận, each without its leading dash; the archive (Lưu: VT.) last.</param>
internal sealed record IssuingBody(
    string? Superior,
    IReadOnlyList<string> Name,
    string Abbreviation,
    string Place,
    string? SignerAuthority,
    string SignerPosition,
    IReadOnlyList<string> Recipients)
{
    private const string Committee = "ỦY BAN NHÂN DÂN";
    private const string Ministry = "Bộ Nội vụ";
    private const string Archive = "Lưu: VT.";

    /// <summary>Where the Ministry of Home Affairs, which writes the nation's report, sits.</summary>
    private const string Capital = "Hà Nội";

    /// <summary>The words official names begin with, longest first, which the place leaves out.</summary>
    private static readonly string[] KindWords = ["Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "];

    /// <summary>A department's head, by the word its name begins with.</summary>
    private static readonly (string Word, string Position)[] Heads =
    [
        ("Văn phòng ", "CHÁNH VĂN PHÒNG"),
        ("Phòng ", "TRƯỞNG PHÒNG"),
        ("Sở ", "GIÁM ĐỐC"),
        ("Ban ", "TRƯỞNG BAN"),
        ("Đài ", "GIÁM ĐỐC"),
        ("Báo ", "TỔNG BIÊN TẬP"),
    ];

    public static IssuingBody Of(UnitProfile unit)
    {
        var upper = unit.Name.ToUpper(ReportLabels.Vietnamese);
        if (unit.Kind == UnitKind.Nation || unit.Ancestors.Count == 0)
        {
            return new IssuingBody(null, [Ministry.ToUpper(ReportLabels.Vietnamese)], "BNV", Capital, null, "BỘ TRƯỞNG", ["Thủ tướng Chính phủ (để báo cáo);", Archive]);
        }

        var parent = unit.Ancestors[^1];
        var office = NationalDuty.OfficeOf(unit);
        // The consolidating office of the level above, when it is not the parent itself (Sở Nội vụ tỉnh …).
        string[] toOffice = office is { Code: { } code } && code != parent.Code ? [$"{office.Name} {Lower(parent.Name)};"] : [];
        string[] recipients = [parent.Kind == UnitKind.Nation ? $"{Ministry} (để báo cáo);" : $"UBND {Lower(parent.Name)} (để báo cáo);", .. toOffice, Archive];
        if (unit.Kind != UnitKind.Department)
        {
            return new IssuingBody(null, [Committee, upper], "UBND", PlaceOf(unit.Name), $"TM. {Committee}", "CHỦ TỊCH", recipients);
        }

        var head = Heads.FirstOrDefault(h => unit.Name.StartsWith(h.Word, StringComparison.Ordinal)).Position ?? "THỦ TRƯỞNG CƠ QUAN";
        // A department's code is its unit's and its catalogue abbreviation: 08-SNV signs BC-SNV.
        var official = UnitCode.OfficialOf(unit.Code);
        var abbreviation = official[(official.IndexOf('-', StringComparison.Ordinal) + 1)..];
        return new IssuingBody($"UBND {parent.Name.ToUpper(ReportLabels.Vietnamese)}", [upper], abbreviation, PlaceOf(parent.Name), null, head, recipients);
    }

    /// <summary>
    /// The place a document of a local body is dated at: the proper name of its administrative unit
    /// (Tuyên Quang, Bình Minh) — in full where the name is a person's or a number (Thành phố Hồ Chí
    /// Minh, Phường 1), as the decree asks.
    /// </summary>
    public static string PlaceOf(string unitName)
    {
        var word = KindWords.FirstOrDefault(w => unitName.StartsWith(w, StringComparison.OrdinalIgnoreCase));
        if (word is null)
        {
            return unitName;
        }

        var proper = unitName[word.Length..];
        return proper.Length == 0 || char.IsDigit(proper[0]) || proper == "Hồ Chí Minh" ? unitName : proper;
    }

    /// <summary>A unit's name inside a sentence: "Tỉnh Tuyên Quang" → "tỉnh Tuyên Quang".</summary>
    private static string Lower(string name) => name.Length == 0 ? name : char.ToLower(name[0], ReportLabels.Vietnamese) + name[1..];
}
