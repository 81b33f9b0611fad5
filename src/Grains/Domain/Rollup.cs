namespace UnitGrains.Domain;

/// <summary>
/// One unit's view of its subtree: its own counts plus the latest counts each child told, folded
/// incrementally (subtract the child's old counts, add the new) so an update costs the same
/// whatever the number of children. A child's summary is applied only if its version is newer,
/// which makes delivery idempotent and order-insensitive. <see cref="Recompute"/> folds from
/// scratch; tests hold the incremental fold to it.
/// </summary>
public sealed class Rollup
{
    /// <summary>How many of the oldest open escalations a summary carries upward; counts stay exact beyond it.</summary>
    public const int EscalationListSize = 50;

    private readonly Dictionary<string, ChildState> _children = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<int> _years;
    private readonly IndicatorCounts[] _own;
    private readonly IndicatorCounts[] _subtree;
    private IReadOnlyList<Escalation> _ownEscalations = [];
    private SubtreeSummary? _published;
    private long _ownPastChanged;
    private DateTimeOffset? _changedSince;
    private readonly int _depth;

    /// <param name="depth">The unit's depth (the nation is 0): its summary lists only the escalations that have reached its parent.</param>
    public Rollup(string code, IReadOnlyList<int> years, int depth = 0)
    {
        Code = code;
        _depth = depth;
        _years = [.. years];
        _own = new IndicatorCounts[_years.Count];
        _subtree = new IndicatorCounts[_years.Count];
    }

    public string Code { get; }

    public IReadOnlyList<int> Years => _years;

    /// <summary>The version of the last summary produced; versions only grow.</summary>
    public long Version { get; private set; }

    /// <summary>True when the subtree changed since the last <see cref="Publish"/>.</summary>
    public bool Dirty { get; private set; } = true;

    /// <summary>The children that have told (or been asked for) their summary.</summary>
    public IEnumerable<string> ChildCodes => _children.Keys;

    /// <summary>A child's counts for one scored year as last told; zero for a child never heard from or a year not scored.</summary>
    public IndicatorCounts ChildCounts(string childCode, int year) =>
        _children.TryGetValue(childCode, out var child) && IndexOf(year) is var i and >= 0 ? child.Counts[i] : IndicatorCounts.Zero;

    public IndicatorCounts Own(int year) => IndexOf(year) is var i and >= 0 ? _own[i] : IndicatorCounts.Zero;

    public IndicatorCounts Subtree(int year) => IndexOf(year) is var i and >= 0 ? _subtree[i] : IndicatorCounts.Zero;

    public IReadOnlyList<Escalation> OwnEscalations => _ownEscalations;

    /// <summary>
    /// When the oldest change not yet carried by a published summary happened: the earliest of the
    /// own changes and of the children's <see cref="SubtreeSummary.ChangedAt"/> folded in since.
    /// Coalesced changes travel as one summary stamped with the oldest, so latency is never understated.
    /// </summary>
    public DateTimeOffset? ChangedSince => _changedSince;

    /// <summary>
    /// Replaces the unit's own counts (one per scored year, in <see cref="Years"/> order) and
    /// escalations; <paramref name="at"/> is when they changed, if known.
    /// </summary>
    public bool SetOwn(IReadOnlyList<IndicatorCounts> own, IReadOnlyList<Escalation> escalations, DateTimeOffset? at = null)
    {
        if (own.Count != _years.Count)
        {
            throw new ArgumentException($"Expected counts for {_years.Count} years, got {own.Count}.", nameof(own));
        }

        // Most units have none open: no list to copy and sort on each of their events.
        IReadOnlyList<Escalation> sorted = escalations.Count == 0 ? [] : SortedOldestFirst(escalations);
        var sameEscalations = SameEscalations(sorted, _ownEscalations);
        if (own.SequenceEqual(_own) && sameEscalations)
        {
            return false;
        }

        for (var i = 0; i < _own.Length; i++)
        {
            _subtree[i] += own[i] - _own[i];
            _own[i] = own[i];
        }

        // An equal list keeps the one held, as for a child's (ApplyChild): the new one would be one
        // more young object the unit's state refers to, for the collector to find and copy.
        if (!sameEscalations)
        {
            _ownEscalations = sorted;
        }

        Dirty = true;
        NoteChange(at);
        return true;
    }

    /// <summary>
    /// Folds in a child's summary if it is newer than the one held (or if <paramref name="authoritative"/>:
    /// a summary pulled from the child is its current state whatever its stamp). Returns whether
    /// the subtree changed.
    /// </summary>
    public bool ApplyChild(SubtreeSummary summary, bool authoritative = false)
    {
        var changed = false;
        if (!_children.TryGetValue(summary.Code, out var child))
        {
            _children[summary.Code] = child = new ChildState(_years.Count);
            changed = true;
        }
        else if (!authoritative && summary.Version <= child.Version)
        {
            return false;
        }

        child.Version = summary.Version;
        for (var i = 0; i < _years.Count; i++)
        {
            var counts = summary.For(_years[i]);
            if (counts != child.Counts[i])
            {
                _subtree[i] += counts - child.Counts[i];
                child.Counts[i] = counts;
                changed = true;
            }
        }

        // An unchanged list keeps the one held: storing the new one would be a reference from
        // old state to a young object, which the next young collection must find and copy.
        if (!SameEscalations(summary.OldestEscalations, child.Escalations))
        {
            child.Escalations = summary.OldestEscalations;
            changed = true;
        }

        if (summary.PastChanged != child.PastChanged)
        {
            child.PastChanged = summary.PastChanged;
            changed = true;
        }

        if (!changed)
        {
            return false;
        }

        Dirty = true;
        NoteChange(summary.ChangedAt);
        return true;
    }

    /// <summary>Open escalations in the whole subtree, over all scored years.</summary>
    public int OpenEscalations => _subtree.Sum(c => c.OpenEscalations);

    /// <summary>
    /// Children whose summary may not hold every escalation <paramref name="filter"/> asks for: a
    /// child lists the oldest of those that reached this unit, up to <see cref="EscalationListSize"/>;
    /// a full list may have been cut, and a filter looking below what reached here needs more than
    /// any list holds. Only those must be asked; the others' lists are complete for this purpose.
    /// </summary>
    public IEnumerable<string> ChildrenToAsk(EscalationFilter filter) =>
        _children.Where(c => filter.Below ? c.Value.Escalations.Count < c.Value.OpenEscalations : c.Value.Escalations.Count >= EscalationListSize).Select(c => c.Key);

    /// <summary>The escalations of the subtree <paramref name="filter"/> matches — how many, and the <paramref name="count"/> oldest — given the answers of the children asked.</summary>
    public EscalationMatches Matching(EscalationFilter filter, int count, IReadOnlyDictionary<string, EscalationMatches> asked)
    {
        var mine = _ownEscalations.Where(filter.Matches).ToList();
        var total = mine.Count;
        var lists = new List<IReadOnlyList<Escalation>>(_children.Count + 1) { mine };
        foreach (var (code, child) in _children)
        {
            if (asked.TryGetValue(code, out var answer))
            {
                total += answer.Total;
                lists.Add(answer.Oldest);
            }
            else
            {
                var listed = child.Escalations.Where(filter.Matches).ToList();
                total += listed.Count;
                lists.Add(listed);
            }
        }

        return new EscalationMatches(total, MergeOldest(lists, count));
    }

    /// <summary>A campaign of a year the rollup does not keep changed at <paramref name="ticks"/>: the units above must hear of it.</summary>
    public void NotePastChange(long ticks)
    {
        if (ticks > _ownPastChanged)
        {
            _ownPastChanged = ticks;
            Dirty = true;
        }
    }

    /// <summary>The latest change of a past year anywhere in the subtree.</summary>
    public long PastChanged
    {
        get
        {
            var latest = _ownPastChanged;
            foreach (var child in _children.Values)
            {
                latest = Math.Max(latest, child.PastChanged);
            }

            return latest;
        }
    }

    /// <summary>Marks the subtree as not yet told upward (a publish that failed), keeping the unsent summary's change time.</summary>
    public void MarkDirty(DateTimeOffset? unsentChange = null)
    {
        Dirty = true;
        NoteChange(unsentChange);
    }

    /// <summary>The version a child last told us, or null if it never did (a gap to pull).</summary>
    public long? VersionOf(string childCode) => _children.TryGetValue(childCode, out var child) ? child.Version : null;

    /// <summary>
    /// The summary to send upward, stamped with a version above every earlier one: the larger of
    /// the last version + 1 and <paramref name="clockTicks"/>, so versions also grow across
    /// reactivations of the grain without being stored.
    /// </summary>
    public SubtreeSummary Publish(long clockTicks)
    {
        Version = Math.Max(Version + 1, clockTicks);
        Dirty = false;
        _published = Snapshot() with { ChangedAt = _changedSince };
        _changedSince = null;
        return _published;
    }

    private SubtreeSummary Snapshot()
    {
        var years = new YearCounts[_years.Count];
        for (var i = 0; i < years.Length; i++)
        {
            years[i] = new YearCounts(_years[i], _subtree[i]);
        }

        return new(Code, Version, years, OldestEscalations(), PastChanged: PastChanged);
    }

    private static List<Escalation> SortedOldestFirst(IReadOnlyList<Escalation> escalations)
    {
        var sorted = escalations.ToList();
        sorted.Sort(Escalation.OldestFirst);
        return sorted;
    }

    /// <summary>
    /// The subtree as it is now, for a reader or a parent pulling it. Unlike <see cref="Publish"/>
    /// it leaves the unit dirty: a read must not cancel the publish still owed to the parent (a
    /// unit deactivated after a read would otherwise never tell its parent the last change).
    /// </summary>
    public SubtreeSummary Current(long clockTicks)
    {
        if (_published is not null && !Dirty)
        {
            return _published;
        }

        Version = Math.Max(Version + 1, clockTicks);
        return Snapshot();
    }

    /// <summary>From-scratch fold: own plus the sum of every child's summary, and the oldest escalations of all.</summary>
    public (IReadOnlyList<IndicatorCounts> Counts, IReadOnlyList<Escalation> Escalations) Recompute()
    {
        var counts = _years.Select((_, i) => _children.Values.Aggregate(_own[i], (sum, c) => sum + c.Counts[i])).ToList();
        return (counts, OldestEscalations());
    }

    /// <summary>The oldest escalations of the subtree that have reached the parent: all the parent lists by default, and all it passes on.</summary>
    private IReadOnlyList<Escalation> OldestEscalations()
    {
        if (NoChildListsAny() && _ownEscalations.Count == 0)
        {
            return _ownEscalations;
        }

        return MergeOldest([_ownEscalations, .. _children.Values.Select(child => child.Escalations)], EscalationListSize, _depth - 1);
    }

    /// <summary>Whether every child's list is empty (or there are no children): then there is nothing to merge (and no lists, queue and result to allocate on each publish).</summary>
    private bool NoChildListsAny()
    {
        foreach (var child in _children.Values)
        {
            if (child.Escalations.Count > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <paramref name="count"/> oldest of lists that are each oldest first (own escalations are
    /// sorted when set, a child's list is its own <see cref="OldestEscalations"/>): a k-way merge
    /// that reads about count items, where sorting everything reads all of them — and the nation
    /// merges a list per province on every read and every publish.
    /// </summary>
    /// <param name="reaching">When set, only the escalations that have reached the unit at this depth.</param>
    private static List<Escalation> MergeOldest(IReadOnlyList<IReadOnlyList<Escalation>> sortedLists, int count, int? reaching = null)
    {
        var heads = new PriorityQueue<(IReadOnlyList<Escalation> List, int At), Escalation>(sortedLists.Count, Escalation.OldestFirst);
        foreach (var list in sortedLists)
        {
            Enqueue(list, 0);
        }

        var oldest = new List<Escalation>(Math.Min(count, sortedLists.Sum(l => l.Count)));
        while (oldest.Count < count && heads.TryDequeue(out var head, out var escalation))
        {
            oldest.Add(escalation);
            Enqueue(head.List, head.At + 1);
        }

        return oldest;

        // The next item of a list that is wanted, skipped past the others.
        void Enqueue(IReadOnlyList<Escalation> list, int at)
        {
            while (at < list.Count && reaching is { } depth && !list[at].HasReached(depth))
            {
                at++;
            }

            if (at < list.Count)
            {
                heads.Enqueue((list, at), list[at]);
            }
        }
    }

    private static bool SameEscalations(IReadOnlyList<Escalation> a, IReadOnlyList<Escalation> b) =>
        a.Count == b.Count && (a.Count == 0 || a.SequenceEqual(b));

    private void NoteChange(DateTimeOffset? at)
    {
        if (at is { } time && (_changedSince is null || time < _changedSince))
        {
            _changedSince = time;
        }
    }

    private int IndexOf(int year)
    {
        for (var i = 0; i < _years.Count; i++)
        {
            if (_years[i] == year)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// What is kept of a child's latest summary: its version, its counts for the scored years and
    /// its oldest escalations. The counts are copied into place rather than the summary kept, so a
    /// folded summary dies young: a parent holding each child's newest summary object made every
    /// event leave one more object graph for the collector to find and copy (docs/benchmarks.md).
    /// </summary>
    private sealed class ChildState(int years)
    {
        public long Version { get; set; }

        public IndicatorCounts[] Counts { get; } = new IndicatorCounts[years];

        public IReadOnlyList<Escalation> Escalations { get; set; } = [];

        public long PastChanged { get; set; }

        public int OpenEscalations => Counts.Sum(c => c.OpenEscalations);
    }
}
