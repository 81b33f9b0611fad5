namespace UnitGrains.Gateway.Auth;

/// <summary>What a caller does to a unit: read its data and its subtree's, or change its plan, tasks and reports.</summary>
public enum UnitAccess
{
    Read,
    Write,
}

/// <summary>The roles a token carries (claim <c>role</c>, written in lower case).</summary>
public enum UnitRole
{
    /// <summary>An officer of a unit: writes that unit's plan, tasks and reports; reads its whole subtree.</summary>
    Officer,

    /// <summary>A consolidating office (a department of a province, an office of a commune): reads its parent's subtree, writes only its own unit.</summary>
    Consolidator,

    /// <summary>Reads the subtree of its unit and writes nothing; a viewer of <c>VN</c> reads everything.</summary>
    Viewer,
}

/// <summary>Who is calling: the unit and role of a validated token.</summary>
public sealed record UnitCaller(string Unit, UnitRole Role);

/// <summary>
/// Who may do what where. The hierarchy is the only input: scope is a subtree, found from the
/// target's ancestors, so the rule needs no list of grants. Nobody writes above or beside their
/// own unit — writes go to the caller's unit only, which also keeps an officer of a province from
/// editing a commune's plan (the commune answers for its own plan, domain.md §3).
/// </summary>
public static class UnitAccessPolicy
{
    /// <summary>
    /// The root of the subtree <paramref name="caller"/> reads: its own unit, or for a consolidating
    /// office the unit it belongs to (<paramref name="callerParent"/>; null when the office is unknown).
    /// Only an office consolidates: the role on a province, district or commune (which has offices
    /// of its own) widens nothing, so a commune's "consolidator" never reads its province.
    /// </summary>
    public static string ReadRoot(UnitCaller caller, string? callerParent) =>
        IsOffice(caller) && callerParent is not null ? callerParent : caller.Unit;

    /// <summary>A consolidator token held by an office — a department or division, coded <c>&lt;unit&gt;-&lt;ABBR&gt;</c>.</summary>
    public static bool IsOffice(UnitCaller caller) => caller.Role == UnitRole.Consolidator && Domain.UnitCode.IsDepartment(caller.Unit);

    /// <summary>Whether the decision needs the target's ancestors at all (so the gateway looks them up only then).</summary>
    public static bool NeedsAncestors(UnitCaller caller, string? callerParent, UnitAccess access, string target) =>
        access == UnitAccess.Read && target != caller.Unit && ReadRoot(caller, callerParent) != Domain.UnitCode.Nation;

    /// <summary>
    /// Whether <paramref name="caller"/> may <paramref name="access"/> unit <paramref name="target"/>,
    /// whose ancestors (nation first) are <paramref name="targetAncestors"/> — null when the target is
    /// unknown, which only a caller reading everything or the unit's own officer may learn (they then get 404).
    /// </summary>
    /// <summary>
    /// Whether <paramref name="caller"/> may start or complete a task another unit's plan gives it to
    /// lead (<paramref name="taskLead"/>): the department or division a plan names does the work,
    /// so its officers (or its office) record it in the plan's unit — that task, nothing else there.
    /// </summary>
    public static bool AllowsLead(UnitCaller caller, string? taskLead) =>
        caller.Role != UnitRole.Viewer && taskLead is not null && taskLead == caller.Unit;

    public static bool Allows(UnitCaller caller, string? callerParent, UnitAccess access, string target, IReadOnlyList<string>? targetAncestors)
    {
        if (access == UnitAccess.Write)
        {
            return caller.Role != UnitRole.Viewer && target == caller.Unit;
        }

        var root = ReadRoot(caller, callerParent);
        return root == Domain.UnitCode.Nation
            || target == root
            || target == caller.Unit
            || (targetAncestors?.Contains(root) ?? false);
    }
}
