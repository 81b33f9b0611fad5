namespace UnitGrains.Storage;

/// <summary>
/// How one list of records changed between two encodings: runs that copy records of the list
/// before, in order, and the records that are new. Completing one task of many is three runs and
/// one record instead of the whole campaign.
/// </summary>
/// <param name="Runs">Pairs (from, count): from ≥ 0 copies <c>count</c> records of the list before starting at <c>from</c>; from = −1 takes the next <c>count</c> records of <paramref name="Added"/>.</param>
/// <param name="Added">The records that are not in the list before, in order.</param>
[GenerateSerializer, Immutable]
public sealed record ListDelta(int[] Runs, byte[][] Added)
{
    private const int New = -1;

    /// <summary>
    /// The delta from <paramref name="before"/> to <paramref name="after"/>, or null when they hold
    /// the very same records. Records are matched by reference — records are never written to once
    /// made, and an unchanged item keeps its record (<see cref="EncodedList{T}"/>) — the way the
    /// encoding matches items (<see cref="NearbyMatcher{T}"/>). A record not found is sent again:
    /// larger, never wrong.
    /// </summary>
    public static ListDelta? Between(IReadOnlyList<byte[]> before, IReadOnlyList<byte[]> after)
    {
        if (ReferenceEquals(before, after) || SameRecords(before, after))
        {
            return null;
        }

        var runs = new List<int>();
        var added = new List<byte[]>();
        var matcher = new NearbyMatcher<byte[]>(before);
        for (var i = 0; i < after.Count; i++)
        {
            var at = matcher.Find(after[i], i);
            if (at < 0)
            {
                added.Add(after[i]);
            }

            var extends = runs.Count > 0 && (at < 0
                ? runs[^2] == New
                : runs[^2] >= 0 && runs[^2] + runs[^1] == at);
            if (extends)
            {
                runs[^1]++;
            }
            else
            {
                runs.Add(at < 0 ? New : at);
                runs.Add(1);
            }
        }

        return new ListDelta([.. runs], [.. added]);
    }

    /// <summary>The list after: copied runs share the records of <paramref name="before"/>.</summary>
    public byte[][] ApplyTo(IReadOnlyList<byte[]> before)
    {
        if (Runs.Length % 2 != 0)
        {
            throw new InvalidDataException("A list delta's runs come in pairs.");
        }

        var length = 0;
        for (var r = 0; r < Runs.Length; r += 2)
        {
            length += Runs[r + 1] >= 0 ? Runs[r + 1] : throw new InvalidDataException("A list delta has a negative run.");
        }

        var records = new byte[length][];
        var next = 0;
        var taken = 0;
        for (var r = 0; r < Runs.Length; r += 2)
        {
            var (from, count) = (Runs[r], Runs[r + 1]);
            if (from == New)
            {
                if (taken + count > Added.Length)
                {
                    throw new InvalidDataException($"A list delta takes {taken + count} new records but holds {Added.Length}.");
                }

                Array.Copy(Added, taken, records, next, count);
                taken += count;
            }
            else if (from < 0 || from + count > before.Count)
            {
                throw new InvalidDataException($"A list delta copies records {from}..{from + count} of a list of {before.Count}: it was made against another version.");
            }
            else
            {
                for (var k = 0; k < count; k++)
                {
                    records[next + k] = before[from + k];
                }
            }

            next += count;
        }

        return taken == Added.Length ? records : throw new InvalidDataException($"A list delta holds {Added.Length} new records but uses {taken}.");
    }

    private static bool SameRecords(IReadOnlyList<byte[]> before, IReadOnlyList<byte[]> after)
    {
        if (before.Count != after.Count)
        {
            return false;
        }

        for (var i = 0; i < after.Count; i++)
        {
            if (!ReferenceEquals(before[i], after[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>How one year's campaign changed; a list that did not change is null.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignDelta(int Year, int NextTaskNumber, ListDelta? Plan, ListDelta? Tasks, ListDelta? Reports);

/// <summary>
/// What one write changed in a unit's campaigns (<see cref="EncodedCampaigns"/>): the years that
/// changed, the years that are gone, every year's version (a few numbers) and the idempotency
/// records. A journal stores these instead of the whole campaigns on every event; applied in order
/// to the snapshot they were made after, they give the campaigns back record for record.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CampaignsDelta(CampaignDelta[] Years, int[] RemovedYears, Dictionary<int, long> Versions, ListDelta? Idempotency)
{
    public static CampaignsDelta Between(EncodedCampaigns before, EncodedCampaigns after)
    {
        var years = new List<CampaignDelta>();
        foreach (var (year, campaign) in after.Years)
        {
            var last = before.Years.GetValueOrDefault(year);
            var plan = ListDelta.Between(last?.Plan ?? [], campaign.Plan);
            var tasks = ListDelta.Between(last?.Tasks ?? [], campaign.Tasks);
            var reports = ListDelta.Between(last?.Reports ?? [], campaign.Reports);
            if (last is null || plan is not null || tasks is not null || reports is not null || last.NextTaskNumber != campaign.NextTaskNumber)
            {
                years.Add(new CampaignDelta(year, campaign.NextTaskNumber, plan, tasks, reports));
            }
        }

        int[] removed = [.. before.Years.Keys.Where(y => !after.Years.ContainsKey(y))];
        return new CampaignsDelta([.. years], removed, new Dictionary<int, long>(after.Versions), ListDelta.Between(before.Idempotency, after.Idempotency));
    }

    /// <summary>The campaigns after this write; unchanged records are shared with <paramref name="before"/>.</summary>
    public EncodedCampaigns ApplyTo(EncodedCampaigns before)
    {
        var years = new Dictionary<int, EncodedCampaign>(before.Years);
        foreach (var gone in RemovedYears)
        {
            years.Remove(gone);
        }

        foreach (var change in Years)
        {
            var last = years.GetValueOrDefault(change.Year);
            years[change.Year] = new EncodedCampaign(
                change.Year,
                change.NextTaskNumber,
                Apply(change.Plan, last?.Plan),
                Apply(change.Tasks, last?.Tasks),
                Apply(change.Reports, last?.Reports));
        }

        return new EncodedCampaigns(years, new Dictionary<int, long>(Versions), Apply(Idempotency, before.Idempotency));
    }

    private static IReadOnlyList<byte[]> Apply(ListDelta? delta, IReadOnlyList<byte[]>? before) =>
        delta?.ApplyTo(before ?? []) ?? before ?? [];
}
