using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using UnitGrains.Contracts;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Tests.Http;

/// <summary>
/// What a client hears when the cluster or the database fails under its request: a read may simply
/// be retried; a write whose answer was lost may have been carried out, and says how to find out.
/// </summary>
public sealed class ProblemExceptionHandlerTests
{
    private sealed class Written : IProblemDetailsService
    {
        public ProblemDetails? Problem { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.FromResult(true);
        }
    }

    private static async Task<(HttpContext Http, ProblemDetails Problem)> HandleAsync(string method, Exception exception, string? key = "k-1")
    {
        var written = new Written();
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        if (key is not null)
        {
            http.Request.Headers[WriteConditions.IdempotencyKeyHeader] = key;
        }

        Assert.True(await new ProblemExceptionHandler(written, NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(http, exception, CancellationToken.None));
        return (http, written.Problem!);
    }

    public static TheoryData<Exception, string> LostAnswers => new()
    {
        { new TimeoutException(), "cluster_unavailable" },
        { new SiloUnavailableException(), "cluster_unavailable" },
        { new StorageUnavailableException("the database went away mid-commit"), "storage_unavailable" },
    };

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task A_write_whose_answer_was_lost_may_have_been_carried_out_and_its_key_finds_out(Exception exception, string code)
    {
        var (http, problem) = await HandleAsync("POST", exception);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(code, problem.Extensions["code"]);
        Assert.Equal("unknown", problem.Extensions["outcome"]);
        Assert.Contains("may have been carried out", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("same Idempotency-Key", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_sent_without_a_key_is_told_to_read_before_repeating_it()
    {
        var (_, problem) = await HandleAsync("PUT", new TimeoutException(), key: null);

        Assert.Equal("unknown", problem.Extensions["outcome"]);
        Assert.Contains("Read the resource", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_refused_because_the_state_moved_on_stored_nothing()
    {
        var (_, problem) = await HandleAsync("POST", new InconsistentStateException("etag mismatch"));

        Assert.Equal("storage_unavailable", problem.Extensions["code"]);
        Assert.Equal("not_stored", problem.Extensions["outcome"]);
    }

    [Fact]
    public async Task A_read_is_simply_retried()
    {
        var (http, problem) = await HandleAsync("GET", new TimeoutException(), key: null);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.False(problem.Extensions.ContainsKey("outcome"));
    }

    [Fact]
    public async Task Anything_else_is_a_500_that_reveals_nothing()
    {
        var (http, problem) = await HandleAsync("POST", new InvalidOperationException("secret internals"));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("internal", problem.Extensions["code"]);
        Assert.Null(problem.Detail);
    }
}
