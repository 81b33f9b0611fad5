using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// The headers that make writes safe to repeat and to race: <c>If-Match</c> (optimistic
/// concurrency on plan edits; ETags are campaign versions) and <c>Idempotency-Key</c> (a retried
/// POST answers its first response). The grain enforces both; this reads them off the request.
/// </summary>
internal static class WriteConditions
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const int MaxKeyLength = 255;

    /// <summary>Keys are 1–255 visible ASCII characters (a UUID is the usual choice).</summary>
    public static bool IsWellFormedKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is > ' ' and < (char)0x7f);

    /// <summary>A campaign version as the entity tag HTTP writes (<c>"7"</c>).</summary>
    public static string ETag(long version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads an If-Match header: <c>*</c> or a comma-separated list of entity tags. Weak tags
    /// (<c>W/"7"</c>) and tags that are not versions are well-formed but never match, since If-Match
    /// compares strongly (RFC 9110 §13.1.1). Null for a header that is not a list of entity tags.
    /// </summary>
    public static IfMatch? ParseIfMatch(string header)
    {
        var text = header.Trim();
        if (text == "*")
        {
            return new IfMatch((IReadOnlyList<long>?)null);
        }

        var versions = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var weak = part.StartsWith("W/", StringComparison.Ordinal);
            var tag = weak ? part[2..] : part;
            if (tag.Length < 2 || tag[0] != '"' || tag[^1] != '"' || tag[1..^1].Any(c => c == '"' || c < 0x21 || c == 0x7f))
            {
                return null;
            }

            if (!weak && long.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return new IfMatch(versions);
    }

    public static bool TryReadIfMatch(string? header, out IfMatch? ifMatch, [NotNullWhen(false)] out IResult? problem)
    {
        (ifMatch, problem) = (null, null);
        if (header is null)
        {
            return true;
        }

        ifMatch = ParseIfMatch(header);
        if (ifMatch is null)
        {
            problem = Problems.From(DomainError.Invalid("If-Match", "malformed_if_match", $"If-Match must be * or a list of entity tags as ETag gives them (e.g. \"3\"), not '{header}'."));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The key with a fingerprint of the request — method, path and the body as bound (in the API's
    /// JSON dialect, so the same request sent twice has the same fingerprint however it was spaced).
    /// </summary>
    public static bool TryReadIdempotencyKey(HttpContext http, string? header, object? body, out IdempotencyKey? key, [NotNullWhen(false)] out IResult? problem)
    {
        (key, problem) = (null, null);
        if (header is null)
        {
            return true;
        }

        if (!IsWellFormedKey(header))
        {
            problem = Problems.From(DomainError.Invalid(IdempotencyKeyHeader, "malformed_idempotency_key", $"{IdempotencyKeyHeader} must be 1–{MaxKeyLength} visible ASCII characters (a UUID, say)."));
            return false;
        }

        var request = $"{http.Request.Method} {http.Request.Path}\n{(body is null ? string.Empty : JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options))}";
        key = new IdempotencyKey(header, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request))));
        return true;
    }

    /// <summary>Answers the campaign with its version as ETag, so the client can send it back in If-Match.</summary>
    public static IResult OkWithETag(HttpContext http, CampaignView view)
    {
        http.Response.Headers.ETag = ETag(view.Version);
        return TypedResults.Ok(view);
    }
}
