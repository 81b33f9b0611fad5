namespace UnitGrains.Domain;

/// <summary>How a caller should treat a failed operation; the HTTP edge maps it to a status code.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule; fixing the input fixes the call.</summary>
    Validation,

    /// <summary>Something named by the call does not exist.</summary>
    NotFound,

    /// <summary>The input is well-formed but the current state forbids it (e.g. completing a cancelled task).</summary>
    Conflict,

    /// <summary>The caller's precondition (If-Match) no longer holds: someone changed the resource since it was read.</summary>
    PreconditionFailed,

    /// <summary>The request is well-formed but cannot be processed as sent (an idempotency key reused for a different request).</summary>
    Unprocessable,
}

/// <summary>An expected failure, as a value. <paramref name="Field"/> is a JSON path into the input when one is to blame.</summary>
[GenerateSerializer, Immutable]
public sealed record DomainError(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static DomainError Invalid(string field, string code, string message) => new(ErrorKind.Validation, code, message, field);

    public static DomainError NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static DomainError Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    /// <summary>The same error blamed on a field nested under <paramref name="prefix"/> (a plan inside a plan file).</summary>
    public DomainError Within(string prefix) => Field is null ? this : this with { Field = $"{prefix}.{Field}" };
}
