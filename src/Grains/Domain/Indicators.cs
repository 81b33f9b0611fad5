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
        // Summed in place, in the order the weights are listed (as the query over an array of parts
        // did, so scores are bit-for-bit the same): a score is worked out on every publish.
        double weightSum = 0, weighted = 0;
        Add(planIssued, weights.PlanIssued);
        Add(taskCompletion, weights.TaskCompletion);
        Add(taskTimeliness, weights.TaskTimeliness);
        Add(reportingRate, weights.ReportingRate);
        Add(reportingTimeliness, weights.ReportingTimeliness);
        Add(outputAchievement, weights.OutputAchievement);
        double? score = weightSum > 0 ? Math.Round(100 * weighted / weightSum, 2) : null;
        return new Indicators(planIssued, taskCompletion, taskTimeliness, reportingRate, reportingTimeliness, outputAchievement, c.OpenEscalations, score, c);

        void Add(double? rate, double weight)
        {
            if (rate is { } r)
            {
                weightSum += weight;
                weighted += r * weight;
            }
        }
    }

    private static double? Rate(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
