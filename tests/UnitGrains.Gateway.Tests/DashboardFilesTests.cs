using System.Net;

namespace UnitGrains.Gateway.Tests;

/// <summary>The dashboard's files are served by the gateway itself, vendored library included, so `dotnet run` needs no npm.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DashboardFilesTests(GatewayFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("/", "text/html", "js/main.js")]
    [InlineData("/js/main.js", "text/javascript", "watch(home()")]
    [InlineData("/vendor/oidc-client-ts.min.js", "text/javascript", "UserManager")]
    [InlineData("/vendor/uPlot.iife.min.js", "text/javascript", "uPlot")]
    [InlineData("/css/dashboard.css", "text/css", "@media")]
    public async Task The_dashboard_is_served_at_the_root(string path, string mediaType, string content)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/js/main.js", "br", "br")]
    [InlineData("/css/dashboard.css", "gzip", "gzip")]
    [InlineData("/api/units/VN", "br, gzip", null)]
    public async Task The_dashboards_files_are_sent_compressed_and_the_api_is_not(string path, string accepted, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accepted);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    [Fact]
    public async Task A_missing_file_is_still_a_problem_not_the_dashboard()
    {
        var response = await _http.GetAsync("/js/nothing-here.js");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "route_not_found");
    }
}
