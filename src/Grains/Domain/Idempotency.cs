namespace UnitGrains.Domain;

/// <summary>
/// A key a client gave a write, with the fingerprint of the request it came with, so a retry is
/// recognised and a different request under the same key is not. (Over HTTP it is the
/// <c>Idempotency-Key</c> header, read and fingerprinted by the gateway.)
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyKey(string Key, string Fingerprint);

/// <summary>
/// One write done under a key and the result it answered, so a retry gets the same answer: the
/// domain result as storage serializes any record (<paramref name="Reply"/>), not the API's JSON, so
/// changing the API's JSON changes nothing stored. <paramref name="Result"/> is the API JSON that
/// records written before held; it is read, never written.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyRecord(string Key, string Fingerprint, DateTimeOffset RecordedAt, string? Result, byte[]? Reply = null)
{
    /// <summary>What the record costs the unit's state, roughly in bytes.</summary>
    public int Size => (Reply?.Length ?? 0) + (Result?.Length ?? 0);
}

/// <summary>
/// The keys a unit has seen, kept in the unit's campaign state and written together with the
/// change they guard, so "done" and "remembered as done" cannot disagree. Bounded two ways: a key
/// is forgotten after <see cref="Retention"/> (clients retry within minutes, not days), only the
/// newest <see cref="Capacity"/> are kept, and their results together hold at most
/// <see cref="MaxResultBytes"/> (a plan with long texts is tens of kilobytes), so the state stays
/// small whatever clients send.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyLog(IReadOnlyList<IdempotencyRecord> Records)
{
    public const int Capacity = 256;

    public const int MaxResultBytes = 1024 * 1024;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly IdempotencyLog Empty = new([]);

    /// <summary>
    /// What to do with a request under <paramref name="key"/>: success with null — carry it out;
    /// success with a record — it was done, answer that record's result; failure — the key was
    /// used for another request.
    /// </summary>
    public Outcome<IdempotencyRecord?> Replay(IdempotencyKey key, DateTimeOffset now)
    {
        var record = Records.LastOrDefault(r => r.Key == key.Key && now - r.RecordedAt < Retention);
        if (record is null)
        {
            return Outcome<IdempotencyRecord?>.Success(null);
        }

        return record.Fingerprint == key.Fingerprint
            ? Outcome<IdempotencyRecord?>.Success(record)
            : new DomainError(ErrorKind.Unprocessable, "idempotency_key_reused", $"Idempotency-Key '{key.Key}' was already used on {record.RecordedAt:yyyy-MM-dd HH:mm} UTC for a different request; use a new key for a new request.");
    }

    /// <summary>The log with <paramref name="key"/> and its result recorded, expired records dropped and the bounds kept.</summary>
    public IdempotencyLog Record(IdempotencyKey key, byte[] reply, DateTimeOffset now)
    {
        var kept = new List<IdempotencyRecord> { new(key.Key, key.Fingerprint, now, null, reply) };
        var size = reply.Length;
        // Newest first, so the oldest are the ones dropped.
        foreach (var record in Records.Reverse().Where(r => r.Key != key.Key && now - r.RecordedAt < Retention))
        {
            if (kept.Count == Capacity || size + record.Size > MaxResultBytes)
            {
                break;
            }

            kept.Add(record);
            size += record.Size;
        }

        kept.Reverse();
        return new IdempotencyLog(kept);
    }
}
