using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>Assertions on <see cref="Outcome{T}"/> that print every error when they fail.</summary>
internal static class Expect
{
    public static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.IsSuccess, "Expected success, got: " + Describe(outcome.Errors));
        return outcome.GetValue();
    }

    /// <summary>The outcome failed with exactly this one error; its message names every <paramref name="mentions"/>.</summary>
    public static DomainError Only<T>(Outcome<T> outcome, ErrorKind kind, string code, string? field, params string[] mentions)
    {
        Assert.False(outcome.IsSuccess, "Expected a failure, got a success.");
        Assert.True(outcome.Errors.Count == 1, $"Expected one error ({field}: {code}), got: " + Describe(outcome.Errors));
        return Check(outcome.Errors[0], kind, code, field, mentions);
    }

    /// <summary>The outcome failed and, among its errors, has this one.</summary>
    public static DomainError Has<T>(Outcome<T> outcome, ErrorKind kind, string code, string? field, params string[] mentions)
    {
        Assert.False(outcome.IsSuccess, "Expected a failure, got a success.");
        var error = outcome.Errors.FirstOrDefault(e => e.Code == code && e.Field == field);
        Assert.True(error is not null, $"Expected an error {field}: {code}, got: " + Describe(outcome.Errors));
        return Check(error!, kind, code, field, mentions);
    }

    public static DomainError Invalid<T>(Outcome<T> outcome, string field, string code, params string[] mentions) =>
        Only(outcome, ErrorKind.Validation, code, field, mentions);

    public static DomainError Conflict<T>(Outcome<T> outcome, string code, params string[] mentions) =>
        Only(outcome, ErrorKind.Conflict, code, null, mentions);

    public static DomainError NotFound<T>(Outcome<T> outcome, string code, params string[] mentions) =>
        Only(outcome, ErrorKind.NotFound, code, null, mentions);

    /// <summary>Structural equality through the API's JSON: records holding lists compare those by reference.</summary>
    public static void SameJson(object expected, object actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, ApiJson.Options), JsonSerializer.Serialize(actual, ApiJson.Options));

    private static DomainError Check(DomainError error, ErrorKind kind, string code, string? field, string[] mentions)
    {
        Assert.Equal(code, error.Code);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(field, error.Field);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    private static string Describe(IReadOnlyList<DomainError> errors) =>
        errors.Count == 0 ? "no errors" : string.Join(" | ", errors.Select(e => $"{e.Kind} {e.Field}: {e.Code} — {e.Message}"));
}
