using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

public class ValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void Required_text_that_is_missing_or_blank_is_an_error_naming_the_field(string? value)
    {
        var v = new Validator();

        Assert.Null(v.RequiredText("legalBases[0].reference", value, 10));

        var error = Assert.Single(v.Errors);
        Assert.Equal((ErrorKind.Validation, "required", "legalBases[0].reference"), (error.Kind, error.Code, error.Field));
        Assert.Contains("'legalBases[0].reference'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_trimmed()
    {
        var v = new Validator();

        Assert.Equal("Sở Nội vụ", v.RequiredText("name", "  Sở Nội vụ \n", 100));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Text_is_normalised_to_NFC()
    {
        var decomposed = "Ha\u0300 No\u0323\u0302i"; // "Hà Nội" typed with combining marks
        var v = new Validator();

        var text = v.RequiredText("name", decomposed, 100);

        Assert.Equal("H\u00E0 N\u1ED9i", text);
        Assert.True(text!.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void Length_is_counted_after_normalisation()
    {
        var decomposed = "a\u0300a\u0300a\u0300"; // 6 UTF-16 units, 3 once composed
        var v = new Validator();

        Assert.Equal("\u00E0\u00E0\u00E0", v.OptionalText("x", decomposed, 3));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Text_over_the_limit_is_too_long_and_the_message_gives_both_lengths()
    {
        var v = new Validator();

        v.OptionalText("signer", new string('x', 201), 200);

        var error = Assert.Single(v.Errors);
        Assert.Equal(("too_long", "signer"), (error.Code, error.Field));
        Assert.Contains("201", error.Message, StringComparison.Ordinal);
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_exactly_at_the_limit_is_accepted()
    {
        var v = new Validator();

        v.OptionalText("signer", new string('x', 200), 200);

        Assert.False(v.HasErrors);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001B[31m")]
    [InlineData("del\u007F")]
    [InlineData("next-line\u0085x")]
    public void Control_characters_are_rejected(string value)
    {
        var v = new Validator();

        v.OptionalText("objectives", value, 100);

        var error = Assert.Single(v.Errors);
        Assert.Equal((ErrorKind.Validation, "control_characters", "objectives"), (error.Kind, error.Code, error.Field));
    }

    [Fact]
    public void Tabs_and_line_breaks_inside_text_are_allowed()
    {
        var v = new Validator();

        Assert.Equal("a\tb\r\nc\nd", v.OptionalText("objectives", "a\tb\r\nc\nd", 100));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_a_validation_error_not_an_exception()
    {
        var v = new Validator();

        var text = v.OptionalText("title", "broken \uD800 text", 100);

        Assert.Null(text);
        var error = Assert.Single(v.Errors);
        Assert.Equal((ErrorKind.Validation, "invalid_text", "title"), (error.Kind, error.Code, error.Field));
    }

    [Fact]
    public void Optional_text_may_be_missing_and_blank_means_missing()
    {
        var v = new Validator();

        Assert.Null(v.OptionalText("signer", null, 10));
        Assert.Null(v.OptionalText("signer", "   ", 10));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void A_distinct_list_reports_each_repeat_at_its_index_naming_the_value()
    {
        var v = new Validator();

        var list = v.DistinctList("channels", [Channel.Press, Channel.RadioTv, Channel.Press, Channel.Press]);

        Assert.Equal(4, list.Count);
        Assert.Collection(
            v.Errors,
            e => Assert.Equal(("channels[2]", "duplicate"), (e.Field, e.Code)),
            e => Assert.Equal(("channels[3]", "duplicate"), (e.Field, e.Code)));
        Assert.Contains("'Press'", v.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_distinct_list_is_empty()
    {
        var v = new Validator();

        Assert.Empty(v.DistinctList<Audience>("audiences", null));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Finish_builds_the_value_only_when_there_is_no_error()
    {
        var ok = new Validator();
        var broken = new Validator();
        broken.Add("a", "x", "first");
        broken.AddRange([DomainError.Invalid("b", "y", "second")]);
        var built = false;

        Assert.Equal(7, ok.Finish(() => 7).GetValue());
        var failed = broken.Finish(() => { built = true; return 7; });

        Assert.False(built);
        Assert.Equal(["a", "b"], failed.Errors.Select(e => e.Field));
    }
}
