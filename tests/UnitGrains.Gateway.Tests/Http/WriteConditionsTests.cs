using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Tests.Http;

/// <summary>Reading the headers of safe writes: If-Match as entity tags, Idempotency-Key as visible ASCII.</summary>
public sealed class WriteConditionsTests
{
    [Theory]
    [InlineData("\"3\"", new long[] { 3 })]
    [InlineData(" \"3\" , \"4\"", new long[] { 3, 4 })]
    [InlineData("W/\"3\"", new long[0])]
    [InlineData("\"abc\"", new long[0])]
    [InlineData("\"-1\"", new long[0])]
    public void A_list_of_entity_tags_names_the_strong_versions_in_it(string header, long[] versions) =>
        Assert.Equal(versions, WriteConditions.ParseIfMatch(header)!.Versions);

    [Fact]
    public void A_star_names_any_version() => Assert.Null(WriteConditions.ParseIfMatch("*")!.Versions);

    [Theory]
    [InlineData("3")]
    [InlineData("\"3")]
    [InlineData("\"3\" \"4\"")]
    [InlineData("")]
    [InlineData("\"a b\"")]
    [InlineData("\"3\",")]
    public void Anything_else_is_malformed(string header) => Assert.Null(WriteConditions.ParseIfMatch(header));

    [Fact]
    public void The_etag_written_is_the_one_read_back()
    {
        Assert.Equal("\"4\"", WriteConditions.ETag(4));
        Assert.Equal([4L], WriteConditions.ParseIfMatch(WriteConditions.ETag(4))!.Versions);
    }

    [Fact]
    public void A_weak_tag_never_matches_even_the_current_version() =>
        Assert.NotNull(WriteConditions.ParseIfMatch("W/\"4\"")!.Check(4, exists: true));

    [Theory]
    [InlineData("3f2a9c1e-8d4b-4b7a-9f00-1c2d3e4f5a6b", true)]
    [InlineData("retry-1", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("khóa", false)]
    public void Keys_are_visible_ascii(string key, bool wellFormed) => Assert.Equal(wellFormed, WriteConditions.IsWellFormedKey(key));

    [Fact]
    public void Keys_are_at_most_255_characters()
    {
        Assert.True(WriteConditions.IsWellFormedKey(new string('k', 255)));
        Assert.False(WriteConditions.IsWellFormedKey(new string('k', 256)));
    }
}
