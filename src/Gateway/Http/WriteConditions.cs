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

    public static bool TryReadIfMatch(string? header, out IfMatch? ifMatch, [NotNullWhen(false)] out IResult? problem)
    {
        (ifMatch, problem) = (null, null);
        if (header is null)
        {
            return true;
        }

        ifMatch = IfMatch.Parse(header);
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

        if (!IdempotencyKey.IsWellFormed(header))
        {
            problem = Problems.From(DomainError.Invalid(IdempotencyKeyHeader, "malformed_idempotency_key", $"{IdempotencyKeyHeader} must be 1–{IdempotencyKey.MaxLength} visible ASCII characters (a UUID, say)."));
            return false;
        }

        var request = $"{http.Request.Method} {http.Request.Path}\n{(body is null ? string.Empty : JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options))}";
        key = new IdempotencyKey(header, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request))));
        return true;
    }

    /// <summary>Answers the campaign with its version as ETag, so the client can send it back in If-Match.</summary>
    public static IResult OkWithETag(HttpContext http, CampaignView view)
    {
        http.Response.Headers.ETag = IfMatch.ETag(view.Version);
        return TypedResults.Ok(view);
    }
}
