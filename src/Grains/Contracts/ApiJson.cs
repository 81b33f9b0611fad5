using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using UnitGrains.Domain;

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
        // Vietnamese text and apostrophes are written as they are; the API's JSON is never
        // embedded in HTML, which is what the default escaping protects against.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new ReportPeriodJsonConverter());
        options.AllowTrailingCommas = false;
        // A number is a number: "24" where 24 belongs is a client's bug (the Web defaults read it).
        options.NumberHandling = JsonNumberHandling.Strict;
        // {"title": "A", "title": "B"} is refused rather than read as "B": a client that sends a
        // field twice has a bug, and a reviewer reading the body would see "A".
        options.AllowDuplicateProperties = false;
        return options;
    }
}

/// <summary>A report period is written as clients write it: <c>"2026-Q1"</c>, not as an object.</summary>
public sealed class ReportPeriodJsonConverter : JsonConverter<ReportPeriod>
{
    public override ReportPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReportPeriod.TryParse(reader.GetString(), out var period)
            ? period
            : throw new JsonException($"'{reader.GetString()}' is not a report period (e.g. 2026-Q1, 2026-H1, 2026-Y, 2026-A1).");

    public override void Write(Utf8JsonWriter writer, ReportPeriod value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
