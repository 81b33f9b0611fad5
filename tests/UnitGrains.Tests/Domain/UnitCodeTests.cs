using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

public class UnitCodeTests
{
    [Theory]
    [InlineData("VN")]
    [InlineData("70")] // province
    [InlineData("01")] // leading zero kept: Hà Nội
    [InlineData("689")] // district
    [InlineData("25042")] // commune
    [InlineData("70-SNV")] // department of a province
    [InlineData("689-PVHXH")] // division of a district
    [InlineData("25042-VP")]
    [InlineData("70-STTTT")]
    [InlineData("70-ABCDEFGHIJKL")] // abbreviation of 12 characters
    [InlineData("70@2025-06-30")] // a unit that ended: its code and last day
    [InlineData("70-BDT@2025-02-28")]
    [InlineData("18175@2025-06-30")]
    [InlineData("70-ABCDEFGHIJKL@2025-06-30")] // the longest key
    public void Official_and_department_codes_are_well_formed(string code)
    {
        Assert.True(UnitCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("vn")]
    [InlineData("VNM")]
    [InlineData("7")]
    [InlineData("7012")]
    [InlineData("701234")]
    [InlineData(" 70")]
    [InlineData("70 ")]
    [InlineData("70-snv")]
    [InlineData("70-S")] // abbreviation of 1 character
    [InlineData("70-ABCDEFGHIJKLM")] // abbreviation of 13 characters
    [InlineData("70-1SNV")]
    [InlineData("70-SNV-X")]
    [InlineData("VN-BNV")]
    [InlineData("7012-SNV")]
    [InlineData("70\n")]
    [InlineData("70-SNV\n")]
    [InlineData("\u0667\u0660")] // Arabic-Indic "70": \d would match it
    [InlineData("\u0967\u0968\u0969")] // Devanagari "123"
    [InlineData("70@")]
    [InlineData("70@2025-6-30")]
    [InlineData("70@2025-02-30")] // no such day
    [InlineData("70@2025-06-30@2025-06-30")]
    [InlineData("VN-SNV@2025-06-30")]
    [InlineData("@2025-06-30")]
    public void Other_codes_are_malformed(string? code)
    {
        Assert.False(UnitCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData("SNV", true)]
    [InlineData("VP", true)]
    [InlineData("S2", true)]
    [InlineData("ABCDEFGHIJKL", true)]
    [InlineData("S", false)]
    [InlineData("snv", false)]
    [InlineData("2S", false)]
    [InlineData("S-NV", false)]
    [InlineData("ABCDEFGHIJKLM", false)]
    [InlineData("SNV\n", false)]
    [InlineData(null, false)]
    public void Abbreviations_are_two_to_twelve_capitals_or_digits_starting_with_a_letter(string? abbreviation, bool valid)
    {
        Assert.Equal(valid, UnitCode.IsValidAbbreviation(abbreviation));
    }

    [Fact]
    public void A_key_names_a_code_and_for_a_unit_that_ended_its_last_day()
    {
        Assert.Equal("52@2025-06-30", UnitCode.KeyOf("52", new DateOnly(2025, 6, 30)));
        Assert.Equal("52", UnitCode.KeyOf("52", null));
        Assert.Equal("70-BDT", UnitCode.OfficialOf("70-BDT@2025-02-28"));
        Assert.Equal(new DateOnly(2025, 2, 28), UnitCode.EndedOn("70-BDT@2025-02-28"));
        Assert.Null(UnitCode.EndedOn("70-BDT"));
        Assert.True(UnitCode.HasEnded("70@2025-06-30"));
        Assert.False(UnitCode.HasEnded("70"));
        Assert.True(UnitCode.IsDepartment("70-BDT@2025-02-28"));
        Assert.Matches(UnitCode.Pattern, "70-BDT@2025-02-28");
    }

    [Fact]
    public void A_department_code_is_its_unit_code_a_dash_and_its_abbreviation()
    {
        var code = UnitCode.ForDepartment("70", "SNV");

        Assert.Equal("70-SNV", code);
        Assert.True(UnitCode.IsWellFormed(code));
    }

    [Fact]
    public void The_malformed_error_names_the_field_the_code_and_the_accepted_forms()
    {
        var error = UnitCode.Malformed("lead.code", "7x");

        Assert.Equal((ErrorKind.Validation, "malformed_unit_code", "lead.code"), (error.Kind, error.Code, error.Field));
        Assert.Contains("'7x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("70-SNV", error.Message, StringComparison.Ordinal);
    }
}
