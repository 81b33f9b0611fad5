using System.Net.Http.Json;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Tests.Simulation;

/// <summary>A gateway started as <c>--simulate</c> would be, on one small province, the campaign spread over a few seconds.</summary>
public sealed class SimulatingGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Provinces", "12"),
        new("UnitGrains:ImportSeedPlans", "false"),
        new("UnitGrains:Simulation:Enabled", "true"),
        new("UnitGrains:Simulation:Seed", "3"),
        new("UnitGrains:Simulation:Duration", "00:00:08"),
    ];
}

/// <summary>
/// The run command's live campaign: after seeding, the background service plays the current year
/// on the embedded silo, and the nation's scores move while it does — tasks done grow.
/// </summary>
public sealed class CampaignSimulationServiceTests(SimulatingGatewayFactory factory) : IClassFixture<SimulatingGatewayFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_nations_tasks_done_grow_while_the_simulation_plays()
    {
        var http = factory.CreateClient();
        var seen = new List<int>();
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && !(seen.Count > 0 && seen[0] < seen[^1] && seen[^1] > 0 && seen.Distinct().Count() >= 2))
        {
            var scores = await http.GetFromJsonAsync<UnitScores>("/api/units/VN/scores", ApiJson.Options);
            seen.Add(scores!.Subtree.Counts.TasksDone);
            await Task.Delay(500);
        }

        Assert.True(seen.Count > 0 && seen[^1] > seen[0], $"the nation's tasks done, polled: {string.Join(", ", seen)}");
    }

    [Fact]
    public async Task Clients_are_told_the_figures_are_simulated_and_open_on_the_simulated_year()
    {
        var http = factory.CreateAnonymousClient();
        var year = DateTime.UtcNow.AddHours(7).Year;
        System.Text.Json.Nodes.JsonNode? about = null;
        var deadline = DateTime.UtcNow + Patience;
        // The simulated year has work as soon as its first actions are played.
        while (DateTime.UtcNow < deadline && (int?)about?["latestYearWithData"] != year)
        {
            about = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/about");
            await Task.Delay(200);
        }

        Assert.Equal(year, (int)about!["latestYearWithData"]!);
        Assert.Equal((year, 3), ((int)about["simulation"]!["year"]!, (int)about["simulation"]!["seed"]!));
        Assert.Null(about["signIn"]);
    }

    [Theory]
    [InlineData(new[] { "--simulate" }, new[] { "--UnitGrains:Simulation:Enabled=true" })]
    [InlineData(new[] { "--simulate", "--simulate-seed", "42", "--seed", "false" }, new[] { "--UnitGrains:Simulation:Enabled=true", "--UnitGrains:Simulation:Seed=42", "--seed", "false" })]
    [InlineData(new[] { "--hierarchy", "3level-2023" }, new[] { "--hierarchy", "3level-2023" })]
    [InlineData(new[] { "--no-simulate", "--urls", "http://localhost:9000" }, new[] { "--UnitGrains:Simulation:Enabled=false", "--urls", "http://localhost:9000" })]
    [InlineData(new[] { "--simulate", "false" }, new[] { "--UnitGrains:Simulation:Enabled=false" })]
    [InlineData(new[] { "--simulate", "--provinces", "75" }, new[] { "--UnitGrains:Simulation:Enabled=true", "--provinces", "75" })]
    public void The_simulate_switches_become_settings(string[] args, string[] expected) =>
        Assert.Equal(expected, SimulationSwitches.Expand(args));
}
