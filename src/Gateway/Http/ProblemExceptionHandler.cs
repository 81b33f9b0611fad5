using UnitGrains.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// Turns exceptions into problem details: a request the server could not read is the client's
/// 4xx with the parser's own words; a cluster that does not answer is a 503 to retry; anything
/// else is a 500 that reveals nothing.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var write = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var problem = exception switch
        {
            // The handler runs with the endpoint cleared; the feature keeps the one that failed.
            BadHttpRequestException bad => Unreadable(bad, context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType),
            _ when Find<Orleans.Storage.InconsistentStateException>(exception) => Unavailable(
                "The database is unavailable",
                "storage_unavailable",
                write ? "Nothing was changed: the unit's stored state moved on under it. Retry shortly." : "Retry shortly.",
                write ? "not_stored" : null),
            _ when Find<StorageUnavailableException>(exception) => Unavailable(
                "The database is unavailable", "storage_unavailable", write ? MayHaveBeenDone(context) : "Retry shortly.", write ? "unknown" : null),
            TimeoutException or OrleansException => Unavailable(
                "The cluster is unavailable", "cluster_unavailable", write ? MayHaveBeenDone(context) : "Retry shortly.", write ? "unknown" : null),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Internal error", Extensions = { ["code"] = "internal" } };
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning(exception, "Cluster unavailable on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// Whether the exception or one it wraps is a <typeparamref name="T"/>. Storage failures arrive
    /// as the contract's <see cref="StorageUnavailableException"/> (the storage adapters translate
    /// the driver's), so the gateway knows nothing of the database it never talks to.
    /// </summary>
    private static bool Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A write whose answer was lost — the call timed out, the silo died, the database failed after
    /// or during the commit — may have been stored. Only the unit knows, and an idempotency key is
    /// how a client asks it without doing the write twice.
    /// </summary>
    private static string MayHaveBeenDone(HttpContext context) =>
        context.Request.Headers.ContainsKey(WriteConditions.IdempotencyKeyHeader)
            ? $"The write may have been carried out. Retry it with the same {WriteConditions.IdempotencyKeyHeader}: if it was done you get its first result, if not it is done now."
            : $"The write may have been carried out. Read the resource to see whether it was before repeating it, and send writes with an {WriteConditions.IdempotencyKeyHeader} so a retry is safe.";

    private static ProblemDetails Unavailable(string title, string code, string detail, string? outcome)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = title,
            Detail = detail,
            Extensions = { ["code"] = code },
        };
        if (outcome is not null)
        {
            problem.Extensions["outcome"] = outcome;
        }

        return problem;
    }

    /// <summary>A request that could not be bound: 413 for a body over the limit, else 400 naming the field as the client wrote it.</summary>
    private static ProblemDetails Unreadable(BadHttpRequestException bad, Type? body)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Request body too large",
                Detail = bad.Message,
                Extensions = { ["code"] = "body_too_large" },
            };
        }

        var (field, message) = BindingProblems.Describe(bad, body);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request could not be read",
            Detail = message,
            Extensions =
            {
                ["code"] = "malformed_request",
                ["problems"] = new[] { new { Code = "malformed_request", Message = message, Field = field } },
            },
        };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }

        return problem;
    }
}
