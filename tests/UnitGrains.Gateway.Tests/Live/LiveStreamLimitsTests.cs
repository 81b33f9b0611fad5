using System.Net;
using Microsoft.Extensions.Options;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Tests.Live;

/// <summary>A gateway whose live streams are bounded tightly, so the bound is reached in a test.</summary>
public sealed class LimitedLiveGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Provinces", "04"),
        new("UnitGrains:ImportSeedPlans", "false"),
        new("UnitGrains:Live:MaxStreamsPerClient", "2"),
        new("UnitGrains:Live:MaxStreams", "3"),
    ];
}

/// <summary>
/// Live streams are bounded per client address and in all: one more is a 429 problem with
/// Retry-After, and a closed stream gives its place back — counted exactly under racing threads.
/// </summary>
public sealed class LiveStreamLimitsTests(LimitedLiveGatewayFactory factory) : IClassFixture<LimitedLiveGatewayFactory>
{
    private static LiveStreamLimits Limits(int total, int perClient) =>
        new(Options.Create(new LiveOptions { MaxStreams = total, MaxStreamsPerClient = perClient }));

    [Fact]
    public void A_client_past_its_bound_is_refused_while_others_still_get_in()
    {
        var limits = Limits(total: 10, perClient: 2);

        var a1 = limits.TryEnter("a");
        var a2 = limits.TryEnter("a");
        var a3 = limits.TryEnter("a");
        var b1 = limits.TryEnter("b");

        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.Null(a3);
        Assert.NotNull(b1);
        a1!.Dispose();
        a1.Dispose();
        Assert.NotNull(limits.TryEnter("a"));
        Assert.Null(limits.TryEnter("a"));
        Assert.Equal(3, limits.Open);
    }

    [Fact]
    public void Racing_enters_and_leaves_never_exceed_the_bounds_and_leave_nothing_counted()
    {
        var limits = Limits(total: 50, perClient: 8);
        var peak = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var lease = limits.TryEnter($"c{i % 10}");
            var open = limits.Open;
            InterlockedMax(ref peak, open);
        });

        Assert.InRange(peak, 1, 50);
        Assert.Equal(0, limits.Open);
        Assert.Equal(8, Enumerable.Range(0, 9).Count(_ => limits.TryEnter("again") is not null));
    }

    [Fact]
    public async Task The_stream_past_the_bound_is_a_429_with_retry_after_and_a_closed_one_frees_its_place()
    {
        var http = factory.CreateClient();
        var first = await SseStream.OpenAsync(http, "/api/units/04/live");
        var second = await SseStream.OpenAsync(http, "/api/units/04/live");

        using var third = await http.GetAsync("/api/units/04/live", HttpCompletionOption.ResponseHeadersRead);

        // A stream that opened would never end: look at the status before reading any body.
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        await Problem.AssertAsync(third, HttpStatusCode.TooManyRequests, "too_many_streams");
        Assert.NotNull(third.Headers.RetryAfter);
        await first.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage again;
        while ((again = await http.GetAsync("/api/units/04/live", HttpCompletionOption.ResponseHeadersRead)).StatusCode == HttpStatusCode.TooManyRequests
            && DateTime.UtcNow < deadline)
        {
            // The server notices the closed stream when its next write fails or the request aborts.
            again.Dispose();
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        again.Dispose();
        await second.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
