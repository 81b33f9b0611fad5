using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace UnitGrains.Contracts;

/// <summary>
/// The one JSON dialect of the system — HTTP API and plan files alike: camelCase names, enums as
/// camelCase strings, dates as <c>yyyy-MM-dd</c>, Vietnamese text written as is (not \u-escaped),
/// and nullability honoured so a missing required value is a clear error, not a silent null.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.AllowTrailingCommas = false;
        return options;
    }
}
