using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Gateway.Http;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Api;

/// <summary>
/// Live push for dashboards: <c>GET /api/units/{code}/live[?year=]</c> as Server-Sent Events.
/// <c>event: scores</c> carries the same JSON as <c>GET …/scores</c> with <c>id:</c> = its version,
/// on connect and on every change of the subtree; <c>event: activity</c> says which parts of the
/// subtree changed how. The protocol is snapshot-based: a client reconnecting with
/// <c>Last-Event-ID</c> is sent the current scores at once, which is all it missed.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapUnitGroup().WithTags("Live").MapGet("/live", Subscribe).WithName("SubscribeLive")
            .WithSummary("Server-Sent Events: the subtree's scores on connect and on every change (event: scores), and what changed below (event: activity).")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<IResult> Subscribe(string code, int? year, IGrainFactory grains, HttpContext http)
    {
        // Everything that can fail is checked before the stream starts, so errors are problems, not broken streams.
        var scores = await grains.GetUnit(code).GetScoresAsync(year);
        if (!scores.IsSuccess)
        {
            return Problems.From(scores.Errors);
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (http.RequestServices.GetRequiredService<LiveStreamLimits>().TryEnter(client) is not { } lease)
        {
            http.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many live streams",
                detail: "This gateway holds as many live streams as it allows (in all, or from your address); close one or retry later.",
                extensions: new Dictionary<string, object?> { ["code"] = "too_many_streams" });
        }

        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        return new LiveStream(code, scores.GetValue().Year, long.TryParse(lastEventId, out var last) ? last : null, lease);
    }

    private sealed class LiveStream(string code, int year, long? lastEventId, LiveStreamLimits.Lease lease) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            using var _ = lease;
            var services = http.RequestServices;
            var feeds = services.GetRequiredService<UnitFeeds>();
            var options = services.GetRequiredService<IOptions<LiveOptions>>().Value;
            var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var grains = services.GetRequiredService<IGrainFactory>();
            var aborted = http.RequestAborted;

            // Subscribe first, then read the snapshot: a change in between arrives through the feed.
            var subscriber = await feeds.JoinAsync(code, year, aborted);
            try
            {
                var snapshot = await grains.GetUnit(code).GetScoresAsync(year);
                if (snapshot.IsSuccess)
                {
                    subscriber.Offer(snapshot.GetValue());
                }

                var response = http.Response;
                response.ContentType = "text/event-stream; charset=utf-8";
                response.Headers.CacheControl = "no-cache, no-transform";
                response.Headers["X-Accel-Buffering"] = "no";
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

                var opening = $"retry: {options.RetryMilliseconds}\n";
                if (lastEventId is { } last)
                {
                    // Snapshot-based: whatever happened after the client's last id, the current scores say it all.
                    opening += $": resuming after {last}; the current scores follow\n";
                }

                await WriteAsync(response, opening + "\n", aborted);
                var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.HeartbeatSeconds));
                while (!aborted.IsCancellationRequested)
                {
                    if (!await subscriber.WaitAsync(heartbeat, aborted))
                    {
                        await WriteAsync(response, ": keep-alive\n\n", aborted);
                        continue;
                    }

                    var (scores, activity) = subscriber.Take();
                    var text = new StringBuilder();
                    if (scores is not null)
                    {
                        Event(text, "scores", scores.Version, JsonSerializer.Serialize(scores, json));
                    }

                    foreach (var change in activity)
                    {
                        Event(text, "activity", null, JsonSerializer.Serialize(LiveActivity.From(change, year), json));
                    }

                    if (text.Length > 0)
                    {
                        await WriteAsync(response, text.ToString(), aborted);
                    }
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away: the normal end of a live stream.
            }
            finally
            {
                feeds.Leave(subscriber);
            }
        }

        private static void Event(StringBuilder text, string name, long? id, string data)
        {
            text.Append("event: ").Append(name).Append('\n');
            if (id is { } v)
            {
                text.Append("id: ").Append(v).Append('\n');
            }

            foreach (var line in data.Split('\n'))
            {
                text.Append("data: ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellation)
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellation);
            await response.Body.FlushAsync(cancellation);
        }
    }
}

/// <summary>The JSON of an <c>activity</c> event: what changed below the watched unit, for one year.</summary>
public sealed record LiveActivity(
    string Code,
    long Version,
    int Year,
    IReadOnlyList<Domain.UnitActivity> Changes,
    IReadOnlyList<Domain.Escalation> EscalationsRaised,
    IReadOnlyList<Domain.Escalation> EscalationsResolved)
{
    public static LiveActivity From(UnitChange change, int year) => new(
        change.Code,
        change.Version,
        year,
        change.Activity,
        change.EscalationsRaised,
        change.EscalationsResolved);
}
