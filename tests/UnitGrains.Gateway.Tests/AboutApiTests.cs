using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// GET /api/about, read before the first screen: anyone may read it; the year a client opens on is
/// the newest with work entered — not an empty new year —, and no simulation or sign-in is claimed
/// where none is configured.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AboutApiTests(GatewayFactory factory)
{
    [Fact]
    public async Task The_year_to_open_on_is_the_newest_with_work_in_it()
    {
        var about = (await factory.CreateAnonymousClient().GetFromJsonAsync<JsonObject>("/api/about"))!;

        var current = (int)about["currentYear"]!;
        var http = factory.CreateClient();
        var withWork = new List<int>();
        for (var year = current; year >= (int)about["firstYear"]!; year--)
        {
            var counts = (await http.GetFromJsonAsync<JsonObject>($"/api/units/VN/scores?year={year}"))!["subtree"]!["counts"]!;
            if ((int)counts["plansIssued"]! + (int)counts["tasksDone"]! + (int)counts["reportsSubmitted"]! > 0)
            {
                withWork.Add(year);
            }
        }

        // The seed plans (2021–2025) are imported here: there is work, and the newest year of it is the one to open.
        Assert.NotEmpty(withWork);
        Assert.Equal(withWork.Max(), (int)about["latestYearWithData"]!);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).Year, current);
        Assert.Null(about["simulation"]);
        Assert.Null(about["signIn"]);
        Assert.False((bool)about["anonymousReads"]!);
    }

    [Fact]
    public async Task Writing_the_about_resource_is_not_a_thing()
    {
        var response = await factory.CreateAnonymousClient().PostAsJsonAsync("/api/about", new { year = 2030 });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
