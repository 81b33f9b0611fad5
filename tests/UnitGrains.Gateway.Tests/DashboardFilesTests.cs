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

    /// <summary>The plan form offers exactly the values the API accepts: a value missing there cannot be chosen, an extra one would be refused.</summary>
    [Theory]
    [InlineData("audiences", typeof(UnitGrains.Domain.Audience))]
    [InlineData("topics", typeof(UnitGrains.Domain.Topic))]
    [InlineData("channels", typeof(UnitGrains.Domain.Channel))]
    [InlineData("legalBasisKinds", typeof(UnitGrains.Domain.LegalBasisKind))]
    [InlineData("obligations", typeof(UnitGrains.Domain.Obligation))]
    [InlineData("covers", typeof(UnitGrains.Domain.UnitGroup))]
    [InlineData("frequencies", typeof(UnitGrains.Domain.ReportFrequency))]
    public async Task The_plan_forms_vocabularies_are_the_apis(string list, Type vocabulary)
    {
        var script = await _http.GetStringAsync("/js/work/vocabulary.js");

        var block = System.Text.RegularExpressions.Regex.Match(script, $@"\n  {list}: \{{(?<body>.*?)\n  \}},", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, $"no list '{list}' in vocabulary.js");
        var offered = System.Text.RegularExpressions.Regex.Matches(block.Groups["body"].Value, @"^\s+'?(?<value>[A-Za-z]*)'?:", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups["value"].Value).Where(v => v.Length > 0).Order();
        var accepted = Enum.GetValues(vocabulary).Cast<object>().Select(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()!)).Order();
        Assert.Equal(accepted, offered);
    }

    [Fact]
    public async Task A_missing_file_is_still_a_problem_not_the_dashboard()
    {
        var response = await _http.GetAsync("/js/nothing-here.js");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "route_not_found");
    }
}
