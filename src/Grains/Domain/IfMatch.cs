namespace UnitGrains.Domain;

/// <summary>
/// Optimistic concurrency for a campaign: every change of a campaign year raises its version, and a
/// write that names the versions it was made against is refused when the campaign has moved on.
/// <see cref="Versions"/> null means any version, as long as the plan exists. (Over HTTP the
/// versions are entity tags and this is If-Match: the gateway reads the header.)
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IfMatch(IReadOnlyList<long>? Versions)
{
    /// <summary>Null when the write may go ahead on a campaign at <paramref name="current"/> (<paramref name="exists"/>: it has a plan).</summary>
    public DomainError? Check(long current, bool exists)
    {
        if (!exists)
        {
            return new DomainError(ErrorKind.PreconditionFailed, "precondition_failed", "If-Match was sent but there is no plan yet: create it without If-Match.");
        }

        return Versions is null || Versions.Contains(current)
            ? null
            : new DomainError(ErrorKind.PreconditionFailed, "precondition_failed", $"The campaign changed since it was read: it is now at version {current}, not {string.Join(" or ", Versions.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty("the one sent"))}. Read it again, reapply the change and send the new version.");
    }
}
