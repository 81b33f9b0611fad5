using Microsoft.Extensions.Configuration;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Hosting;

public sealed class RollupOptionsTests
{
    private static RollupOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(RollupOptions.Section).Get<RollupOptions>() ?? new RollupOptions();

    [Fact]
    public void Score_weights_come_from_configuration_and_unset_ones_keep_their_defaults()
    {
        var options = Bind(new() { ["UnitGrains:Rollup:Weights:PlanIssued"] = "40", ["UnitGrains:Rollup:Weights:OutputAchievement"] = "0" });

        Assert.Equal(40, options.Weights.PlanIssued);
        Assert.Equal(0, options.Weights.OutputAchievement);
        Assert.Equal(ScoreWeights.Default.TaskCompletion, options.Weights.TaskCompletion);
    }

    [Fact]
    public void Binding_weights_leaves_the_defaults_of_other_options_alone()
    {
        Bind(new() { ["UnitGrains:Rollup:Weights:PlanIssued"] = "70" });

        Assert.Equal(15, ScoreWeights.Default.PlanIssued);
        Assert.Equal(15, new RollupOptions().Weights.PlanIssued);
    }

    [Fact]
    public void The_live_years_default_to_last_year_and_this_year_and_every_year_from_2021_is_scored()
    {
        Assert.Equal([2025, 2026], Bind([]).YearsOn(new DateOnly(2026, 3, 2)));
        var today = new DateOnly(2026, 3, 2);
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], Enumerable.Range(2015, 20).Where(y => Bind([]).Scores(y, today)));
        Assert.Equal([2024, 2025, 2026], Enumerable.Range(2015, 20).Where(y => Bind(new() { ["UnitGrains:Rollup:FirstYear"] = "2024" }).Scores(y, today)));

        // A clock set before the first year still scores its live years.
        Assert.True(Bind([]).Scores(2019, new DateOnly(2019, 5, 1)));
        Assert.Equal([2022, 2025], Bind(new() { ["UnitGrains:Rollup:Years:0"] = "2025", ["UnitGrains:Rollup:Years:1"] = "2022" }).YearsOn(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Negative_or_all_zero_weights_are_reported()
    {
        Assert.NotEmpty(new ScoreWeights(PlanIssued: -1).Problems());
        Assert.NotEmpty(new ScoreWeights(0, 0, 0, 0, 0, 0).Problems());
        Assert.Empty(ScoreWeights.Default.Problems());
    }
}
