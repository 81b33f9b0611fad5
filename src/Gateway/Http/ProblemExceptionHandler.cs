using System.Text.Json;
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
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "The request could not be read",
                Detail = Describe(bad),
                Extensions = { ["code"] = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "malformed_request" },
            },
            _ when IsStorageFailure(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = "Nothing was changed: the unit kept its last stored state. Retry shortly.",
                Extensions = { ["code"] = "storage_unavailable" },
            },
            TimeoutException or OrleansException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cluster is unavailable",
                Detail = "The request was not carried out; retry shortly.",
                Extensions = { ["code"] = "cluster_unavailable" },
            },
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
    /// A grain could not read or write its state: the database is down or unreachable. The grain
    /// rolled its state back and deactivates, so the failed write left nothing behind. In the
    /// embedded silo the driver's exception arrives as it is; across processes, as the contract's.
    /// </summary>
    private static bool IsStorageFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException or Orleans.Storage.InconsistentStateException or Npgsql.NpgsqlException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON reader's message names the path and position ("$.period.from | LineNumber: 3"), which is what a client needs.</summary>
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
