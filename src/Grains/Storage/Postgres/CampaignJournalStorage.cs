using System.Globalization;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using UnitGrains.Contracts;
using UnitGrains.Storage;

namespace UnitGrains.Storage.Postgres;

/// <summary>
/// Unit state in PostgreSQL, with a unit's campaigns journaled: a write appends what it changed
/// (<see cref="CampaignsDelta"/>, ~300 bytes for a task completion) through the group-commit
/// <see cref="JournalAppender"/>, and writes the whole campaigns again only when the journal would
/// outgrow them (<see cref="JournalMark.SnapshotDue"/>). A read loads the snapshot and replays the
/// deltas after it. Every other state (profiles, daily histories, the hierarchy) goes to Orleans'
/// ADO.NET provider as before, as do campaigns written before the journal existed: they are read
/// from it, and their next write starts the journal with a snapshot.
/// </summary>
public sealed class CampaignJournalStorage(IGrainStorage adoNet, string database, Serializer serializer, string serviceId, int maxEntries = JournalMark.DefaultMaxEntries, Metrics.UnitMetrics? metrics = null) : IGrainStorage, IAsyncDisposable
{
    /// <summary>The ETag of campaigns read from the ADO.NET provider's row (written before the journal): theirs, marked.</summary>
    private const string LegacyTag = "adonet:";

    private const string ReadSql = """
        SELECT c.position, c.snapshot_position, c.snapshot,
               ARRAY(SELECT j.delta FROM unitgrains_campaign_journal j
                     WHERE j.grain = c.grain AND j.position > c.snapshot_position AND j.position <= c.position
                     ORDER BY j.position) AS deltas
        FROM unitgrains_campaigns c WHERE c.grain = @grain
        """;

    /// <summary>A first snapshot; a cleared row (snapshot NULL) is taken over with its position moved on.</summary>
    private const string InsertSql = """
        INSERT INTO unitgrains_campaigns AS c (grain, position, snapshot_position, snapshot) VALUES (@grain, 1, 1, @snapshot)
        ON CONFLICT (grain) DO UPDATE SET position = c.position + 1, snapshot_position = c.position + 1, snapshot = EXCLUDED.snapshot, modified = now()
        WHERE c.snapshot IS NULL
        RETURNING position
        """;

    /// <summary>A snapshot (or, with a NULL snapshot, a clear) after @position; the journal it covers goes.</summary>
    private const string SnapshotSql = """
        WITH moved AS (
            UPDATE unitgrains_campaigns SET position = @position + 1, snapshot_position = @position + 1, snapshot = @snapshot, modified = now()
            WHERE grain = @grain AND position = @position AND snapshot IS NOT NULL
            RETURNING position),
        pruned AS (
            DELETE FROM unitgrains_campaign_journal WHERE grain = @grain AND position <= @position AND EXISTS (SELECT 1 FROM moved))
        SELECT position FROM moved
        """;

    private readonly JournalAppender _appender = new(database, metrics);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        grainState is IGrainState<UnitCampaignsState> campaigns ? AdoNetStorageAdapter.Guard(() => ReadAsync(stateName, grainId, campaigns)) : adoNet.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        grainState is IGrainState<UnitCampaignsState> campaigns ? AdoNetStorageAdapter.Guard(() => WriteAsync(stateName, grainId, campaigns)) : adoNet.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        grainState is IGrainState<UnitCampaignsState> campaigns ? AdoNetStorageAdapter.Guard(() => ClearAsync(stateName, grainId, campaigns)) : adoNet.ClearStateAsync(stateName, grainId, grainState);

    public ValueTask DisposeAsync() => _appender.DisposeAsync();

    private async Task ReadAsync(string stateName, GrainId grainId, IGrainState<UnitCampaignsState> grainState)
    {
        var row = await ReadRowAsync(grainId);
        if (row is null)
        {
            // Never journaled: campaigns written before the journal existed, if any. (Read after the
            // journal's connection went back to the pool: holding it while the provider waits for
            // another would starve the pool when many units activate at once.)
            await adoNet.ReadStateAsync(stateName, grainId, grainState);
            grainState.ETag = grainState.ETag is null ? null : LegacyTag + grainState.ETag;
            return;
        }

        var (position, snapshotPosition, snapshot, deltas) = row.Value;
        if (snapshot is null)
        {
            // Cleared: absent, and its next write takes the row over.
            (grainState.State, grainState.ETag, grainState.RecordExists) = (new UnitCampaignsState(), null, false);
            return;
        }

        if (deltas.Length != position - snapshotPosition)
        {
            throw new InvalidDataException($"The journal of {grainId} holds {deltas.Length} deltas after its snapshot at {snapshotPosition}; its head is at {position}.");
        }

        var campaigns = EncodedCampaigns.From(serializer.Deserialize<StoredCampaigns>(snapshot) ?? throw new InvalidDataException($"The snapshot of {grainId} is empty."));
        var journalBytes = 0;
        foreach (var delta in deltas)
        {
            campaigns = (serializer.Deserialize<CampaignsDelta>(delta) ?? throw new InvalidDataException($"A delta in the journal of {grainId} is empty.")).ApplyTo(campaigns);
            journalBytes += delta.Length;
        }

        var state = CampaignsEncoding.Decode(campaigns, serializer);
        state.Encoding.Journal = new JournalMark(campaigns, snapshot.Length, journalBytes, deltas.Length);
        (grainState.State, grainState.ETag, grainState.RecordExists) = (state, Tag(position), true);
    }

    /// <summary>The unit's row and the deltas after its snapshot, in one statement (one consistent view); null when it has none.</summary>
    private async Task<(long Position, long SnapshotPosition, byte[]? Snapshot, byte[][] Deltas)?> ReadRowAsync(GrainId grainId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.AddWithValue("grain", Key(grainId));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetInt64(1), await reader.IsDBNullAsync(2) ? null : reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[][]>(3));
    }

    private async Task WriteAsync(string stateName, GrainId grainId, IGrainState<UnitCampaignsState> grainState)
    {
        var state = grainState.State ?? throw new ArgumentException("No state to write.", nameof(grainState));
        var encoded = state.Encoding.Encode(state, serializer);
        var position = Position(grainState.ETag);
        var mark = state.Encoding.Journal;
        if (position is { } at && mark is not null)
        {
            var bytes = serializer.SerializeToArray(CampaignsDelta.Between(mark.Written, encoded));
            if (!mark.SnapshotDue(bytes.Length, maxEntries))
            {
                if (!await _appender.AppendAsync(Key(grainId), at + 1, bytes))
                {
                    throw Conflict(stateName, grainId, grainState.ETag);
                }

                state.Encoding.Journal = mark.AfterAppend(encoded, bytes.Length);
                (grainState.ETag, grainState.RecordExists) = (Tag(at + 1), true);
                return;
            }
        }

        var snapshot = serializer.SerializeToArray(encoded.ToStored());
        var written = await ExecuteAsync(position is null ? InsertSql : SnapshotSql, grainId, position, snapshot) ?? throw Conflict(stateName, grainId, grainState.ETag);
        metrics?.JournalSnapshotWritten();
        state.Encoding.Journal = JournalMark.AfterSnapshot(encoded, snapshot.Length);
        (grainState.ETag, grainState.RecordExists) = (Tag(written), true);
    }

    private async Task ClearAsync(string stateName, GrainId grainId, IGrainState<UnitCampaignsState> grainState)
    {
        if (grainState.ETag?.StartsWith(LegacyTag, StringComparison.Ordinal) == true)
        {
            grainState.ETag = grainState.ETag[LegacyTag.Length..];
            await adoNet.ClearStateAsync(stateName, grainId, grainState);
            grainState.ETag = null;
            return;
        }

        if (Position(grainState.ETag) is { } at && await ExecuteAsync(SnapshotSql, grainId, at, null) is null)
        {
            throw Conflict(stateName, grainId, grainState.ETag);
        }

        (grainState.State, grainState.ETag, grainState.RecordExists) = (new UnitCampaignsState(), null, false);
    }

    private async Task<long?> ExecuteAsync(string sql, GrainId grainId, long? position, byte[]? snapshot)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("grain", Key(grainId));
        command.Parameters.AddWithValue("position", position ?? 0);
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("snapshot", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = snapshot });
        return await command.ExecuteScalarAsync() is long written ? written : null;
    }

    /// <summary>Campaigns are one state per unit; the service id keeps services sharing a database apart, as the ADO.NET rows do.</summary>
    private string Key(GrainId grainId) => $"{serviceId}/{grainId}";

    private static string Tag(long position) => position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The journal position an ETag names; null for none or the ADO.NET provider's (the next write is a first snapshot).</summary>
    private static long? Position(string? etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;

    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag)
    {
        metrics?.JournalConflict();
        return new($"State '{stateName}' of {grainId} was written by another activation since it was read at '{etag ?? "none"}'.", null, etag);
    }
}
