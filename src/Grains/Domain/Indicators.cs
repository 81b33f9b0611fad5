namespace UnitGrains.Domain;

/// <summary>
/// The indicators of domain.md §6 as rates in [0, 1] (null while nothing is due) with the counts
/// behind them, and the weighted 0–100 communication score (null while no rate is defined).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Indicators(
    double? PlanIssued,
    double? TaskCompletion,
    double? TaskTimeliness,
    double? ReportingRate,
    double? ReportingTimeliness,
    double? OutputAchievement,
    int OpenEscalations,
    double? Score,
    IndicatorCounts Counts)
{
    public static Indicators From(IndicatorCounts c, ScoreWeights weights)
    {
        var planIssued = Rate(c.PlansIssued, c.PlansExpected);
        var taskCompletion = Rate(c.TasksDone, c.TasksDue);
        var taskTimeliness = Rate(c.TasksDoneOnTime, c.TasksDue);
        var reportingRate = Rate(c.ReportsSubmitted, c.ReportsDue);
        var reportingTimeliness = Rate(c.ReportsOnTime, c.ReportsDue);
        var outputAchievement = c.OutputTargets == 0 ? (double?)null : (double)(c.OutputAchievement / c.OutputTargets);
        (double? Rate, double Weight)[] parts =
        [
            (planIssued, weights.PlanIssued),
            (taskCompletion, weights.TaskCompletion),
            (taskTimeliness, weights.TaskTimeliness),
            (reportingRate, weights.ReportingRate),
            (reportingTimeliness, weights.ReportingTimeliness),
            (outputAchievement, weights.OutputAchievement),
        ];
        var weightSum = parts.Where(p => p.Rate is not null).Sum(p => p.Weight);
        double? score = weightSum > 0 ? Math.Round(100 * parts.Where(p => p.Rate is not null).Sum(p => p.Rate!.Value * p.Weight) / weightSum, 2) : null;
        return new Indicators(planIssued, taskCompletion, taskTimeliness, reportingRate, reportingTimeliness, outputAchievement, c.OpenEscalations, score, c);
    }

    private static double? Rate(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
