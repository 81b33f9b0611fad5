namespace UnitGrains.Domain;

/// <summary>
/// The children a unit still has to pull (the rollup protocol's downward half). A parent pulls
/// every child's summary on activation and at each reconcile; a child that cannot answer (its silo
/// died, it was deactivating) must not keep the others from being pulled, and is a known gap: it is
/// asked again after <see cref="RetryAfter"/> rather than at the next reconcile, a minute away. A
/// silo that is stopping pulls nothing more: its children are being deactivated too, and the tree
/// is rebuilt by the next activations.
/// </summary>
public sealed class PullLedger
{
    /// <summary>How long a child that could not answer waits before it is asked again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> _unpulled = [];

    /// <summary>The retry timer is armed.</summary>
    public bool RetryArmed { get; private set; }

    public IReadOnlyCollection<string> Unpulled => _unpulled;

    /// <summary>
    /// What a round of pulls found: children that answered are no longer owed, those that did not
    /// are. The delay to arm the retry timer with, or null when nothing is owed or a retry is armed.
    /// </summary>
    public TimeSpan? Record(IEnumerable<string> answered, IEnumerable<string> unanswered)
    {
        _unpulled.ExceptWith(answered);
        _unpulled.UnionWith(unanswered);
        if (_unpulled.Count == 0 || RetryArmed)
        {
            return null;
        }

        RetryArmed = true;
        return RetryAfter;
    }

    /// <summary>The retry timer fired: the children to pull again (none while the silo stops).</summary>
    public IReadOnlyList<string> OnRetryDue(bool stopping)
    {
        RetryArmed = false;
        return stopping ? [] : [.. _unpulled];
    }

    /// <summary>The rollup starts afresh (new scored years, a new profile): nothing is owed until the next pull.</summary>
    public void Clear() => _unpulled.Clear();
}
