using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UnitGrains.Gateway.Tests;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status and code.</summary>
internal static class Problem
{
    /// <summary>
    /// The response is <c>application/problem+json</c> with the status, a title, a detail that says
    /// what was wrong, and the machine-readable <c>code</c>.
    /// </summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.TryGetProperty("status", out var statusValue) && statusValue.GetInt32() == (int)status, $"status {(int)status} in {body}");
        Assert.True(problem.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()), $"a title in {body}");
        Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"a detail in {body}");
        Assert.True(problem.TryGetProperty("code", out var codeValue) && codeValue.GetString() == code, $"code '{code}' in {body}");
        return problem;
    }

    /// <summary>A validation problem: 400, <paramref name="code"/>, and <paramref name="field"/> among both the <c>errors</c> keys and the <c>problems</c> list.</summary>
    public static async Task<JsonElement> AssertInvalidAsync(HttpResponseMessage response, string code, string field)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest, code);
        var errors = FieldErrors(problem);
        Assert.True(errors.ContainsKey(field), $"errors has no '{field}': {problem}");
        Assert.NotEmpty(errors[field]);
        Assert.Contains(Problems(problem), p => p.Code == code && p.Field == field);
        return problem;
    }

    /// <summary>The problem's per-field errors, keyed by JSON path.</summary>
    public static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response) =>
        FieldErrors(await response.Content.ReadFromJsonAsync<JsonElement>());

    public static Dictionary<string, string[]> FieldErrors(JsonElement problem) =>
        problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    /// <summary>Every broken rule the problem lists, in order.</summary>
    public static IReadOnlyList<(string Code, string Message, string? Field)> Problems(JsonElement problem) =>
        [.. problem.GetProperty("problems").EnumerateArray().Select(p => (
            p.GetProperty("code").GetString()!,
            p.GetProperty("message").GetString()!,
            p.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null))];
}
