using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>Reading If-Match and checking it against a campaign's version.</summary>
public sealed class IfMatchTests
{
    [Theory]
    [InlineData("\"3\"", new long[] { 3 })]
    [InlineData(" \"3\" , \"4\"", new long[] { 3, 4 })]
    [InlineData("W/\"3\"", new long[0])]
    [InlineData("\"abc\"", new long[0])]
    [InlineData("\"-1\"", new long[0])]
    public void A_list_of_entity_tags_names_the_strong_versions_in_it(string header, long[] versions) =>
        Assert.Equal(versions, IfMatch.Parse(header)!.Versions);

    [Fact]
    public void A_star_names_any_version() => Assert.Null(IfMatch.Parse("*")!.Versions);

    [Theory]
    [InlineData("3")]
    [InlineData("\"3")]
    [InlineData("\"3\" \"4\"")]
    [InlineData("")]
    [InlineData("\"a b\"")]
    [InlineData("\"3\",")]
    public void Anything_else_is_malformed(string header) => Assert.Null(IfMatch.Parse(header));

    [Fact]
    public void The_current_version_passes_and_any_other_is_a_failed_precondition()
    {
        var ifMatch = IfMatch.Parse(IfMatch.ETag(4))!;
        Assert.Null(ifMatch.Check(4, exists: true));
        var stale = ifMatch.Check(5, exists: true);
        Assert.Equal(ErrorKind.PreconditionFailed, stale!.Kind);
        Assert.Equal("precondition_failed", stale.Code);
        Assert.Contains("\"5\"", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_tag_never_matches_even_the_current_version() =>
        Assert.NotNull(IfMatch.Parse("W/\"4\"")!.Check(4, exists: true));

    [Fact]
    public void Star_passes_when_the_plan_exists_and_fails_when_it_does_not()
    {
        var any = IfMatch.Parse("*")!;
        Assert.Null(any.Check(9, exists: true));
        Assert.Equal(ErrorKind.PreconditionFailed, any.Check(0, exists: false)!.Kind);
        Assert.NotNull(IfMatch.Parse("\"0\"")!.Check(0, exists: false));
    }
}
