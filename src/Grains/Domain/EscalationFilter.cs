namespace UnitGrains.Domain;

/// <summary>Whether an official has acknowledged an escalation.</summary>
public enum EscalationStatus
{
    Open,
    Acknowledged,
}

/// <summary>
/// Which escalations of a subtree a unit at <paramref name="ViewerDepth"/> lists: by default those
/// that have reached it (each level sees what has risen to it, its own included); with
/// <paramref name="Below"/> every one in its subtree. Narrowed by campaign year, level and status.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EscalationFilter(int ViewerDepth, bool Below = false, int? Year = null, int? Level = null, EscalationStatus? Status = null)
{
    public bool Matches(Escalation e) =>
        (Below || e.HasReached(ViewerDepth))
        && (Year is not { } year || e.Year == year)
        && (Level is not { } level || e.Level == level)
        && (Status is not { } status || (e.Acknowledged is not null) == (status == EscalationStatus.Acknowledged));
}

/// <summary>How many escalations matched, and the oldest of them.</summary>
[GenerateSerializer, Immutable]
public sealed record EscalationMatches(int Total, IReadOnlyList<Escalation> Oldest);
