namespace UnitGrains.Domain;

/// <summary>
/// Weights of the communication score (configuration section <c>UnitGrains:Rollup:Weights</c>). The score
/// is the weighted mean of the rates that are defined — a rate with nothing due yet is left out
/// and the others renormalised — times 100.
/// </summary>
public sealed record ScoreWeights(
    double PlanIssued = 15,
    double TaskCompletion = 25,
    double TaskTimeliness = 15,
    double ReportingRate = 20,
    double ReportingTimeliness = 10,
    double OutputAchievement = 15)
{
    /// <summary>
    /// A fresh instance each time: configuration binding sets the properties of the instance it is
    /// given, so a shared default would be rewritten by the first configuration bound onto it.
    /// </summary>
    public static ScoreWeights Default => new();

    public IEnumerable<string> Problems()
    {
        double[] all = [PlanIssued, TaskCompletion, TaskTimeliness, ReportingRate, ReportingTimeliness, OutputAchievement];
        if (all.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
        {
            yield return "score weights must be finite and ≥ 0";
        }

        if (all.Sum() <= 0)
        {
            yield return "at least one score weight must be > 0";
        }
    }
}
