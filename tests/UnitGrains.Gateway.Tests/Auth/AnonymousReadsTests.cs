using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests.Auth;

/// <summary>A gateway configured as the development run is: anonymous reads on.</summary>
public sealed class AnonymousReadsFactory : GatewayFactory
{
    protected override bool AnonymousReads => true;
}

/// <summary>
/// <c>UnitGrains:Auth:AnonymousReads</c>: requests without a token read everything as a national
/// viewer; writes still need a token, and a bad token is still refused rather than read as anonymous.
/// Also the one place a token may travel in the query string: GETs of …/live.
/// A collection of its own: its gateway must not live beside the shared one (see AssemblyInfo).
/// </summary>
public sealed class AnonymousReadsTests(AnonymousReadsFactory factory) : IClassFixture<AnonymousReadsFactory>
{
    private readonly HttpClient _anonymous = factory.CreateAnonymousClient();

    [Theory]
    [InlineData("/api/units/VN")]
    [InlineData("/api/units/01273/children")]
    [InlineData("/api/units/08/reports/2024-Q1/consolidated")]
    public async Task Anonymous_gets_read_everything(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(url)).StatusCode);

    [Fact]
    public async Task Anonymous_writes_are_still_401()
    {
        var response = await _anonymous.PutAsync(TestData.PlanUrl("01273", 2022), TestData.Json(TestData.Plan(2022).ToJsonString()));
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_bad_token_is_not_taken_for_anonymous()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/units/VN");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token("VN", UnitRole.Viewer, key: "a-key-this-gateway-does-not-know-0123456789"));
        await Problem.AssertAsync(await _anonymous.SendAsync(request), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_scoped_token_keeps_its_scope()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/units/08");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token("01273", UnitRole.Officer));
        await Problem.AssertAsync(await _anonymous.SendAsync(request), HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Theory]
    [InlineData("GET", "/api/units/42/live", "?access_token=abc", null, "abc")]
    [InlineData("GET", "/api/units/42/live", "?access_token=abc", "Bearer xyz", null)]
    [InlineData("POST", "/api/units/42/live", "?access_token=abc", null, null)]
    [InlineData("GET", "/api/units/42", "?access_token=abc", null, null)]
    [InlineData("GET", "/api/units/42/live/x", "?access_token=abc", null, null)]
    [InlineData("GET", "/api/units/42/live", "?access_token=", null, null)]
    [InlineData("GET", "/api/units/42/live", "?access_token=a&access_token=b", null, null)]
    public void Only_a_get_of_live_takes_the_token_from_the_query(string method, string path, string query, string? authorization, string? expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        Assert.Equal(expected, AuthSetup.LiveQueryToken(http.Request));
    }
}
