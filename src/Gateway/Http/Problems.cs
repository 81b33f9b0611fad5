using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Http;

/// <summary>Maps domain outcomes to HTTP: values to 200/201, errors to RFC 7807 problem details.</summary>
internal static class Problems
{
    public static IResult ToHttp<T>(this Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.IsSuccess ? success(outcome.GetValue()) : From(outcome.Errors);

    public static IResult From(params IReadOnlyList<DomainError> errors)
    {
        var status = errors.Any(e => e.Kind == ErrorKind.NotFound) ? StatusCodes.Status404NotFound
            : errors.Any(e => e.Kind == ErrorKind.PreconditionFailed) ? StatusCodes.Status412PreconditionFailed
            : errors.Any(e => e.Kind == ErrorKind.Unprocessable) ? StatusCodes.Status422UnprocessableEntity
            : errors.All(e => e.Kind == ErrorKind.Conflict) ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        var lead = errors.FirstOrDefault(e => status switch
        {
            StatusCodes.Status404NotFound => e.Kind == ErrorKind.NotFound,
            StatusCodes.Status412PreconditionFailed => e.Kind == ErrorKind.PreconditionFailed,
            StatusCodes.Status422UnprocessableEntity => e.Kind == ErrorKind.Unprocessable,
            StatusCodes.Status409Conflict => true,
            _ => e.Kind == ErrorKind.Validation,
        }) ?? errors[0];

        var fieldErrors = errors.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status409Conflict => "Conflict with the current state",
                StatusCodes.Status412PreconditionFailed => "The resource changed since it was read",
                StatusCodes.Status422UnprocessableEntity => "Idempotency key reused",
                _ => errors.Count == 1 ? "Invalid request" : $"Invalid request ({errors.Count} problems)",
            },
            Detail = lead.Message,
            Extensions =
            {
                ["code"] = lead.Code,
                ["problems"] = errors.Select(e => new { e.Code, e.Message, e.Field }).ToArray(),
            },
        };
        if (fieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = fieldErrors;
        }

        return TypedResults.Problem(problem);
    }

    public static IResult MalformedCode(string code) => From(UnitCode.Malformed("code", code));

    public static ProblemHttpResult Unauthenticated(string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Authentication required",
        Detail = detail,
        Extensions = { ["code"] = "unauthenticated" },
    });

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Outside your scope",
        Detail = detail,
        Extensions = { ["code"] = "out_of_scope" },
    });

    public static ProblemHttpResult Unavailable(string detail, string code) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Not ready",
        Detail = detail,
        Extensions = { ["code"] = code },
    });
}
