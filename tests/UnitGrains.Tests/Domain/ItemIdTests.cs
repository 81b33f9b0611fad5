using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

public class ItemIdTests
{
    [Theory]
    [InlineData("T1")]
    [InlineData("a")]
    [InlineData("video-contest")]
    [InlineData("q3.bulletin_2")]
    [InlineData("0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32 characters
    public void Short_url_safe_ids_are_valid(string id)
    {
        Assert.True(ItemId.IsValid(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    [InlineData("_x")]
    [InlineData("with space")]
    [InlineData("a/b")]
    [InlineData("tin-bài")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    [InlineData("T1\n")]
    public void Other_ids_are_malformed(string? id)
    {
        Assert.False(ItemId.IsValid(id));
    }
}
