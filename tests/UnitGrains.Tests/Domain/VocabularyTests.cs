using System.Text.Json;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>The vocabularies' names as clients write them agree with the API's JSON.</summary>
public class VocabularyTests
{
    [Fact]
    public void Client_names_of_channels_are_their_json_names() =>
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(c.ToString()), Vocabulary.ClientName(c)));

    [Fact]
    public void A_run_of_capitals_is_lowered_up_to_the_word_after_it() =>
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName("SMSHotline"), Vocabulary.ClientName(Acronyms.SMSHotline));

    private enum Acronyms
    {
        SMSHotline,
    }
}
