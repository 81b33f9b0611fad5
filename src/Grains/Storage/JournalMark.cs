namespace UnitGrains.Storage;

/// <summary>
/// What a unit's campaigns journal holds after its last write: the campaigns as written (the next
/// delta is made against them), the snapshot's size and what the journal has gathered since it.
/// Kept with the state (<see cref="CampaignsEncoding.Journal"/>), never stored.
/// </summary>
public sealed record JournalMark(EncodedCampaigns Written, int SnapshotBytes, int JournalBytes, int Entries)
{
    /// <summary>
    /// Past this many entries a snapshot is taken whatever their size, so activating a unit never
    /// replays more than this many deltas (<c>UnitGrains:JournalMaxEntries</c>).
    /// </summary>
    public const int DefaultMaxEntries = 128;

    /// <summary>
    /// A snapshot is due when the journal would hold more bytes than the snapshot itself: a read then
    /// loads at most twice the state, the journal's space stays bounded by the snapshot's, and the
    /// snapshot's cost is spread over the many small appends before it.
    /// </summary>
    public bool SnapshotDue(int deltaBytes, int maxEntries = DefaultMaxEntries) => Entries + 1 > maxEntries || JournalBytes + deltaBytes > SnapshotBytes;

    public static JournalMark AfterSnapshot(EncodedCampaigns written, int snapshotBytes) => new(written, snapshotBytes, 0, 0);

    public JournalMark AfterAppend(EncodedCampaigns written, int deltaBytes) => this with { Written = written, JournalBytes = JournalBytes + deltaBytes, Entries = Entries + 1 };
}
