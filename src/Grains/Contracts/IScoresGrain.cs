using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>What the live rollup says of a unit: scores, rankings of its children, history, open escalations.</summary>
public interface IScoresGrain : IGrainWithStringKey
{
    /// <summary>Scores for a campaign year; null means the current year on the campaign clock.</summary>
    Task<Outcome<UnitScores>> GetScoresAsync(int? year);

    /// <summary>The unit's children ranked by their subtree score (rankings among siblings).</summary>
    Task<Outcome<IReadOnlyList<ChildScore>>> GetChildrenScoresAsync(int? year);

    Task<Outcome<ScoreHistory>> GetHistoryAsync(int? year);

    /// <summary>A page of the open escalations of the unit's subtree, oldest first, with their total.</summary>
    Task<Outcome<EscalationPage>> GetEscalationsAsync(PageRequest page);
}
