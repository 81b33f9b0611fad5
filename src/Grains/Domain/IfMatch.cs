namespace UnitGrains.Domain;

/// <summary>
/// Optimistic concurrency for a campaign: every change of a campaign year raises its version, the
/// version is the campaign's entity tag (<c>"7"</c>), and a write that names the versions it was
/// made against (If-Match) is refused when the campaign has moved on. <see cref="Versions"/> null
/// means <c>If-Match: *</c> — any version, as long as the plan exists.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IfMatch(IReadOnlyList<long>? Versions)
{
    public static string ETag(long version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads an If-Match header: <c>*</c> or a comma-separated list of entity tags. Weak tags
    /// (<c>W/"7"</c>) and tags that are not versions are well-formed but never match, since If-Match
    /// compares strongly (RFC 9110 §13.1.1). Null for a header that is not a list of entity tags.
    /// </summary>
    public static IfMatch? Parse(string header)
    {
        var text = header.Trim();
        if (text == "*")
        {
            return new IfMatch((IReadOnlyList<long>?)null);
        }

        var versions = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var weak = part.StartsWith("W/", StringComparison.Ordinal);
            var tag = weak ? part[2..] : part;
            if (tag.Length < 2 || tag[0] != '"' || tag[^1] != '"' || tag[1..^1].Any(c => c == '"' || c < 0x21 || c == 0x7f))
            {
                return null;
            }

            if (!weak && long.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return new IfMatch(versions);
    }

    /// <summary>Null when the write may go ahead on a campaign at <paramref name="current"/> (<paramref name="exists"/>: it has a plan).</summary>
    public DomainError? Check(long current, bool exists)
    {
        if (!exists)
        {
            return new DomainError(ErrorKind.PreconditionFailed, "precondition_failed", "If-Match was sent but there is no plan yet: create it without If-Match.");
        }

        return Versions is null || Versions.Contains(current)
            ? null
            : new DomainError(ErrorKind.PreconditionFailed, "precondition_failed", $"The campaign changed since it was read: it is now at version {ETag(current)}, not {string.Join(", ", Versions.Select(ETag).DefaultIfEmpty("the one sent"))}. Read it again (GET), reapply the change and send the new ETag.");
    }
}
