using System.Net;
using UnitGrains.Simulation;

namespace UnitGrains.Tests.Simulation;

/// <summary>
/// The HTTP target's retries, against a stub gateway: an overloaded 503 is sent again, with the
/// same Idempotency-Key, until it is taken; a refusal is not retried and comes back as its code.
/// </summary>
public sealed class HttpCampaignTargetRetryTests
{
    private static readonly CompleteTask Completion = CampaignScenario.Generate(["18175"], 2025, 3).OfType<CompleteTask>().First();

    [Fact]
    public async Task A_503_is_retried_with_the_same_key_until_taken()
    {
        var stub = new StubGateway(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        var error = await Target(stub).CompleteTaskAsync(Completion, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(3, stub.Keys.Count);
        Assert.Single(stub.Keys.Distinct());
        Assert.StartsWith("sim-3:2025:complete:", stub.Keys[0]);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_returns_its_code()
    {
        var stub = new StubGateway(HttpStatusCode.Conflict);

        var error = await Target(stub).CompleteTaskAsync(Completion, CancellationToken.None);

        Assert.Equal("invalid_transition", error);
        Assert.Single(stub.Keys);
    }

    private static HttpCampaignTarget Target(StubGateway stub) =>
        new(new HttpClient(stub) { BaseAddress = new Uri("http://gateway.test") }, unit => $"token-of-{unit}", "sim-3") { Backoff = TimeSpan.FromMilliseconds(1) };

    /// <summary>Answers with the given statuses in turn (the last one repeated), recording each request's Idempotency-Key.</summary>
    private sealed class StubGateway(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<string> Keys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            var status = statuses[Math.Min(Keys.Count - 1, statuses.Length - 1)];
            var body = status == HttpStatusCode.Conflict ? """{"status":409,"code":"invalid_transition"}""" : "{}";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
