using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="Indicators.From"/>: rates from summed parts and the weighted, renormalised score.</summary>
public class IndicatorsTests
{
    private static readonly IndicatorCounts None = IndicatorCounts.Zero;

    private static Indicators Of(IndicatorCounts counts, ScoreWeights? weights = null) => Indicators.From(counts, weights ?? ScoreWeights.Default);

    [Fact]
    public void With_nothing_due_every_rate_and_the_score_are_null()
    {
        var indicators = Of(None with { OpenEscalations = 3 });

        Assert.Null(indicators.PlanIssued);
        Assert.Null(indicators.TaskCompletion);
        Assert.Null(indicators.TaskTimeliness);
        Assert.Null(indicators.ReportingRate);
        Assert.Null(indicators.ReportingTimeliness);
        Assert.Null(indicators.OutputAchievement);
        Assert.Null(indicators.Score);
        Assert.Equal(3, indicators.OpenEscalations);
        Assert.Equal(None with { OpenEscalations = 3 }, indicators.Counts);
    }

    [Fact]
    public void Each_rate_is_its_numerator_over_its_denominator()
    {
        var indicators = Of(new IndicatorCounts(
            PlansExpected: 4, PlansIssued: 3, PlansIssuedOnTime: 2,
            TasksDue: 10, TasksDone: 8, TasksDoneOnTime: 5,
            ReportsDue: 8, ReportsSubmitted: 6, ReportsOnTime: 2,
            OutputTargets: 4, OutputAchievement: 3.5m, OpenEscalations: 0));

        Assert.Equal(0.75, indicators.PlanIssued);
        Assert.Equal(0.8, indicators.TaskCompletion);
        Assert.Equal(0.5, indicators.TaskTimeliness);
        Assert.Equal(0.75, indicators.ReportingRate);
        Assert.Equal(0.25, indicators.ReportingTimeliness);
        Assert.Equal(0.875, indicators.OutputAchievement);
    }

    [Fact]
    public void A_rate_is_null_only_while_its_own_denominator_is_zero()
    {
        var indicators = Of(None with { ReportsDue = 2, ReportsSubmitted = 0 });

        Assert.Equal(0.0, indicators.ReportingRate);
        Assert.Equal(0.0, indicators.ReportingTimeliness);
        Assert.Null(indicators.TaskCompletion);
        Assert.Null(indicators.PlanIssued);
    }

    [Fact]
    public void A_subtree_rate_is_over_the_summed_parts_not_the_mean_of_the_rates()
    {
        var diligent = None with { ReportsDue = 1, ReportsSubmitted = 1, ReportsOnTime = 1 };
        var silent = None with { ReportsDue = 3 };

        var subtree = Of(diligent + silent);

        Assert.Equal(1.0, Of(diligent).ReportingRate);
        Assert.Equal(0.0, Of(silent).ReportingRate);
        Assert.Equal(0.25, subtree.ReportingRate);
        Assert.Equal(0.25, subtree.ReportingTimeliness);
    }

    [Fact]
    public void Output_achievement_of_a_subtree_is_over_all_its_targets()
    {
        var one = None with { OutputTargets = 1, OutputAchievement = 1m };
        var three = None with { OutputTargets = 3, OutputAchievement = 0.5m };

        Assert.Equal(0.375, Of(one + three).OutputAchievement);
    }

    [Fact]
    public void The_default_weights_are_those_of_the_configuration_and_sum_to_100()
    {
        var w = ScoreWeights.Default;

        Assert.Equal((15d, 25d, 15d, 20d, 10d, 15d), (w.PlanIssued, w.TaskCompletion, w.TaskTimeliness, w.ReportingRate, w.ReportingTimeliness, w.OutputAchievement));
        Assert.Empty(w.Problems());
    }

    [Fact]
    public void Everything_achieved_scores_100_and_nothing_achieved_scores_0()
    {
        var perfect = new IndicatorCounts(1, 1, 1, 5, 5, 5, 4, 4, 4, 2, 2m, 0);
        var nothing = new IndicatorCounts(1, 0, 0, 5, 0, 0, 4, 0, 0, 2, 0m, 9);

        Assert.Equal(100.0, Of(perfect).Score);
        Assert.Equal(0.0, Of(nothing).Score);
    }

    [Fact]
    public void The_score_is_the_weighted_mean_of_all_defined_rates()
    {
        // 15·1 + 25·0.5 + 15·0.25 + 20·0.75 + 10·0.5 + 15·0.8 = 63.25 over a weight of 100.
        var counts = new IndicatorCounts(1, 1, 0, 4, 2, 1, 4, 3, 2, 5, 4m, 0);

        Assert.Equal(63.25, Of(counts).Score);
    }

    [Fact]
    public void The_score_renormalises_over_the_rates_that_are_defined()
    {
        // Only reporting is due: the score is the reporting rates' weighted mean, (20·0.5 + 10·0) / 30.
        var reportsOnly = None with { ReportsDue = 2, ReportsSubmitted = 1 };
        Assert.Equal(33.33, Of(reportsOnly).Score);

        // Plan issued (15·1) and tasks half done, none on time (25·0.5 + 15·0): 27.5 / 55 = 50.
        var planAndTasks = None with { PlansExpected = 1, PlansIssued = 1, TasksDue = 2, TasksDone = 1 };
        Assert.Equal(50.0, Of(planAndTasks).Score);
    }

    [Fact]
    public void The_score_is_rounded_to_two_decimals()
    {
        // (15·1 + 25·0.25 + 15·0) / 55 · 100 = 38.6363…
        var counts = None with { PlansExpected = 1, PlansIssued = 1, TasksDue = 4, TasksDone = 1 };

        Assert.Equal(38.64, Of(counts).Score);
    }

    [Fact]
    public void Custom_weights_change_the_score()
    {
        var counts = None with { TasksDue = 4, TasksDone = 4, ReportsDue = 4, ReportsSubmitted = 1 };
        var tasksOnly = new ScoreWeights(0, 1, 0, 0, 0, 0);
        var reportsHeavy = new ScoreWeights(0, 1, 0, 3, 0, 0);

        Assert.Equal(100.0, Of(counts, tasksOnly).Score);
        Assert.Equal(43.75, Of(counts, reportsHeavy).Score);
    }

    [Fact]
    public void With_zero_weight_on_every_defined_rate_the_score_is_null()
    {
        var counts = None with { TasksDue = 4, TasksDone = 4 };

        Assert.Null(Of(counts, new ScoreWeights(0, 0, 0, 1, 0, 0)).Score);
        Assert.Equal(1.0, Of(counts, new ScoreWeights(0, 0, 0, 1, 0, 0)).TaskCompletion);
    }

    [Fact]
    public void All_zero_weights_are_invalid()
    {
        var problems = new ScoreWeights(0, 0, 0, 0, 0, 0).Problems().ToList();

        Assert.Equal(["at least one score weight must be > 0"], problems);
    }

    [Theory]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_or_non_finite_weights_are_invalid(double bad)
    {
        var problems = (ScoreWeights.Default with { ReportingRate = bad }).Problems().ToList();

        Assert.Contains("score weights must be finite and ≥ 0", problems);
    }

    [Fact]
    public void A_single_positive_weight_is_enough()
    {
        Assert.Empty(new ScoreWeights(0, 0, 0, 0, 0, 0.5).Problems());
    }
}
