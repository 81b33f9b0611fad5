using Npgsql;
using NpgsqlTypes;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Bench;

/// <summary>
/// The system a team would build without actors: the hierarchy and the tasks in normalised
/// PostgreSQL tables, each completion an UPDATE of its task plus an INSERT into an event log in
/// one transaction, and every score read summed on demand by a recursive query over the
/// hierarchy. Counts are turned into indicators by the same <see cref="Indicators.From"/> the
/// grains use, so both systems compute the same scores from the same data.
/// Only tasks are counted (no plans, reports or escalations): the baseline's query is, if anything,
/// cheaper than the full indicators.
/// </summary>
internal sealed class SqlBaseline(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE units (
            code text PRIMARY KEY,
            parent_code text REFERENCES units (code),
            kind text NOT NULL,
            name text NOT NULL);
        CREATE INDEX units_parent ON units (parent_code);
        CREATE TABLE tasks (
            unit_code text NOT NULL REFERENCES units (code),
            year int NOT NULL,
            task_id text NOT NULL,
            due_date date NOT NULL,
            status text NOT NULL,
            completed_on date,
            output_target numeric NOT NULL,
            output_actual numeric,
            PRIMARY KEY (unit_code, year, task_id));
        CREATE TABLE task_events (
            id bigserial PRIMARY KEY,
            unit_code text NOT NULL,
            year int NOT NULL,
            task_id text NOT NULL,
            kind text NOT NULL,
            at timestamptz NOT NULL DEFAULT now());
        """;

    // A task counts once due or done, as in IndicatorCounts.Own; one output per task.
    private const string Aggregates = """
        count(t.task_id) FILTER (WHERE t.status = 'done' OR t.due_date < @today) AS due,
        count(t.task_id) FILTER (WHERE t.status = 'done') AS done,
        count(t.task_id) FILTER (WHERE t.status = 'done' AND t.completed_on <= t.due_date) AS on_time,
        coalesce(sum(round(least(t.output_actual / t.output_target, 1), 6)) FILTER (WHERE t.status = 'done'), 0) AS achievement
        """;

    private const string Overview = $"""
        WITH RECURSIVE subtree (code) AS (
            SELECT code FROM units WHERE code = @root
            UNION ALL
            SELECT u.code FROM units u JOIN subtree s ON u.parent_code = s.code)
        SELECT {Aggregates}
        FROM subtree s JOIN tasks t ON t.unit_code = s.code AND t.year = @year
        """;

    // Communes are leaves, so a commune's subtree is its own tasks.
    private const string RankedCommunes = $"""
        WITH RECURSIVE subtree (code, kind, name) AS (
            SELECT code, kind, name FROM units WHERE code = @root
            UNION ALL
            SELECT u.code, u.kind, u.name FROM units u JOIN subtree s ON u.parent_code = s.code)
        SELECT s.code, s.name, {Aggregates}
        FROM subtree s LEFT JOIN tasks t ON t.unit_code = s.code AND t.year = @year
        WHERE s.kind = 'commune'
        GROUP BY s.code, s.name
        """;

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private int _committed;

    /// <summary>Completions committed so far: what the national count must show.</summary>
    public int Committed => Volatile.Read(ref _committed);

    /// <summary>Creates the tables in a fresh database and bulk-loads the hierarchy and every commune's tasks.</summary>
    public static async Task<SqlBaseline> CreateAsync(string connectionString, HierarchySnapshot snapshot, int maxConnections)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections, Multiplexing = false }.ConnectionString);
        var dataSource = builder.Build();
        await using (var command = dataSource.CreateCommand(Schema))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using var connection = await dataSource.OpenConnectionAsync();

        // Parents before children, so the foreign key holds row by row.
        await using (var import = await connection.BeginBinaryImportAsync("COPY units (code, parent_code, kind, name) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var unit in snapshot.Units.OrderBy(u => u.Ancestors.Count))
            {
                await import.StartRowAsync();
                await import.WriteAsync(unit.Code, NpgsqlDbType.Text);
                await import.WriteAsync(unit.ParentCode, NpgsqlDbType.Text);
                await import.WriteAsync(unit.Kind.ToString().ToLowerInvariant(), NpgsqlDbType.Text);
                await import.WriteAsync(unit.Name, NpgsqlDbType.Text);
            }

            await import.CompleteAsync();
        }

        await using (var import = await connection.BeginBinaryImportAsync("COPY tasks (unit_code, year, task_id, due_date, status, output_target) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var commune in snapshot.Units.Where(u => u.Kind == UnitKind.Commune))
            {
                foreach (var task in BenchSilo.Tasks)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(commune.Code, NpgsqlDbType.Text);
                    await import.WriteAsync(BenchSilo.Year, NpgsqlDbType.Integer);
                    await import.WriteAsync(task.Id!, NpgsqlDbType.Text);
                    await import.WriteAsync(task.DueDate!.Value, NpgsqlDbType.Date);
                    await import.WriteAsync("open", NpgsqlDbType.Text);
                    await import.WriteAsync(task.Outputs![0].Target!.Value, NpgsqlDbType.Numeric);
                }
            }

            await import.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return new SqlBaseline(dataSource);
    }

    /// <summary>One completion: the task's row updated and an event row inserted, in one transaction.</summary>
    public async Task CompleteAsync((string Commune, string Task) item)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE tasks SET status = 'done', completed_on = $1, output_actual = $2 WHERE unit_code = $3 AND year = $4 AND task_id = $5 AND status <> 'done'")
                {
                    Parameters = { new() { Value = Today }, new() { Value = BenchSilo.Completion.Outputs!["articles"] }, new() { Value = item.Commune }, new() { Value = BenchSilo.Year }, new() { Value = item.Task } },
                },
                new NpgsqlBatchCommand("INSERT INTO task_events (unit_code, year, task_id, kind) VALUES ($1, $2, $3, 'completed')")
                {
                    Parameters = { new() { Value = item.Commune }, new() { Value = BenchSilo.Year }, new() { Value = item.Task } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Interlocked.Increment(ref _committed);
    }


    /// <summary>The national overview (or any unit's): its subtree's counts, summed by the recursive query.</summary>
    public async Task<IndicatorCounts> SubtreeCountsAsync(string root)
    {
        await using var command = dataSource.CreateCommand(Overview);
        AddParameters(command.Parameters, root);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return CountsAt(reader, 0);
    }

    public async Task<Indicators> OverviewAsync(string root, ScoreWeights weights) => Indicators.From(await SubtreeCountsAsync(root), weights);

    /// <summary>Every commune under <paramref name="root"/> with its indicators, ranked as the grains rank siblings.</summary>
    public async Task<IReadOnlyList<ChildScore>> RankedCommunesAsync(string root, ScoreWeights weights)
    {
        await using var command = dataSource.CreateCommand(RankedCommunes);
        AddParameters(command.Parameters, root);
        await using var reader = await command.ExecuteReaderAsync();
        var scored = new List<(UnitRef, Indicators)>();
        while (await reader.ReadAsync())
        {
            scored.Add((new UnitRef(reader.GetString(0), reader.GetString(1), UnitKind.Commune), Indicators.From(CountsAt(reader, 2), weights)));
        }

        return Ranking.Rank(scored);
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, string root)
    {
        parameters.AddWithValue("root", root);
        parameters.AddWithValue("year", BenchSilo.Year);
        parameters.AddWithValue("today", Today);
    }

    private static IndicatorCounts CountsAt(NpgsqlDataReader reader, int first)
    {
        var due = (int)reader.GetInt64(first);
        return new IndicatorCounts(0, 0, 0, due, (int)reader.GetInt64(first + 1), (int)reader.GetInt64(first + 2), 0, 0, 0, due, reader.GetDecimal(first + 3), 0);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
