using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace UnitGrains.Storage.Postgres;

/// <summary>
/// Appends campaign deltas to the journal with group commit: the appends waiting when a writer is
/// free go to the database in one statement and one commit, so a commit's round trip and flush to
/// disk are paid once per batch instead of once per event. Each append still completes only after
/// its commit — durable when acknowledged — and each unit's head moves by compare-and-swap, so a
/// stale writer fails alone without failing the batch it rode in.
/// </summary>
public sealed class JournalAppender : IAsyncDisposable
{
    /// <summary>
    /// Moves each unit's head from position − 1 to position, and journals the deltas of the units
    /// whose head moved. One statement: it commits or fails whole. The heads are locked in key order
    /// first: batches in flight at once (and other silos' batches) update overlapping units, and
    /// rows locked in whatever order the join produces them deadlock each other.
    /// </summary>
    private const string AppendSql = """
        WITH input AS (
            SELECT * FROM unnest(@grains, @positions, @deltas) AS i(grain, position, delta)),
        locked AS (
            SELECT c.grain FROM unitgrains_campaigns c WHERE c.grain IN (SELECT grain FROM input)
            ORDER BY c.grain FOR UPDATE),
        moved AS (
            UPDATE unitgrains_campaigns c SET position = i.position, modified = now()
            FROM input i
            WHERE c.grain = i.grain AND c.grain IN (SELECT grain FROM locked)
              AND c.position = i.position - 1 AND c.snapshot IS NOT NULL
            RETURNING c.grain, c.position),
        added AS (
            INSERT INTO unitgrains_campaign_journal (grain, position, delta)
            SELECT i.grain, i.position, i.delta FROM input i JOIN moved m ON m.grain = i.grain AND m.position = i.position
            RETURNING grain)
        SELECT grain FROM added
        """;

    private readonly string _database;
    private readonly Metrics.UnitMetrics? _metrics;
    private readonly int _maxBatch;
    private readonly Channel<Append> _queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _writers;

    /// <param name="writers">
    /// Batches in flight at once: while one waits for its commit to reach the disk, the next gathers
    /// and is parsed. More connections than that only queue inside PostgreSQL.
    /// </param>
    /// <param name="database">
    /// A connection string: connections come from the pool of that string, which the silo's ADO.NET
    /// providers share, so a silo holds no more connections than its operator configured.
    /// </param>
    public JournalAppender(string database, Metrics.UnitMetrics? metrics = null, int writers = 4, int maxBatch = 1024)
    {
        _database = database;
        _metrics = metrics;
        _maxBatch = maxBatch;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Appends <paramref name="delta"/> at <paramref name="position"/>: true once committed, false when the unit's head was not at position − 1.</summary>
    public Task<bool> AppendAsync(string grain, long position, byte[] delta)
    {
        var append = new Append(grain, position, delta);
        return _queue.Writer.TryWrite(append) ? append.Done.Task : Task.FromException<bool>(new ObjectDisposedException(nameof(JournalAppender)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Append>(_maxBatch);
        var grains = new HashSet<string>(StringComparer.Ordinal);
        Append? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            grains.Clear();
            if (carried is not null)
            {
                batch.Add(carried);
                grains.Add(carried.Grain);
                carried = null;
            }

            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var append))
            {
                // A unit writes one change at a time; should two appends of one unit meet (two
                // activations), the second waits for the next batch: one statement cannot order them.
                if (!grains.Add(append.Grain))
                {
                    carried = append;
                    break;
                }

                batch.Add(append);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private async Task CommitAsync(List<Append> batch)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var appended = await ExecuteAsync(batch);
            _metrics?.JournalCommitted(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            foreach (var append in batch)
            {
                append.Done.TrySetResult(appended.Contains(append.Grain));
            }
        }
        catch (Exception e)
        {
            // Nothing of the batch was committed (one statement), or — the connection lost after the
            // commit was sent — it is unknown, as for any single write: each writer is told it failed.
            foreach (var append in batch)
            {
                append.Done.TrySetException(e);
            }
        }
    }

    /// <summary>The units of <paramref name="batch"/> whose delta was journaled.</summary>
    private async Task<HashSet<string>> ExecuteAsync(List<Append> batch)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(AppendSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("grains", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. batch.Select(a => a.Grain)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. batch.Select(a => a.Position)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("deltas", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. batch.Select(a => a.Delta)] });
        var appended = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            appended.Add(reader.GetString(0));
        }

        return appended;
    }

    private sealed record Append(string Grain, long Position, byte[] Delta)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
