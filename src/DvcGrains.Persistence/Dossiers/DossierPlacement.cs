using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Keeps the unit columns of table <c>dossier</c> as the database's hierarchy and unit mapping place each dossier
/// (<see cref="KpiUnits.PathOf"/>). The database records which one that is (<c>dossier_placement</c>): the first silo
/// of a database records its own as it starts (<see cref="StartAsync"/>), and the <c>reform</c> command this
/// configuration's (<see cref="Record"/>); only silos of the recorded one write dossiers (<see cref="DossierWriters"/>,
/// decision 35). The dossiers stored before a reform are placed again from the last one placed on
/// (<c>placed_through</c>), a batch of <see cref="BatchSize"/> in a short transaction under <see cref="BatchTimeout"/>,
/// so that no transaction holds the change feed back for long (<see cref="PlaceRemaining"/>): by the command, and by
/// every silo of the recorded placement from its start until none is left, one placer at a time.
/// </summary>
public sealed partial class DossierPlacement(NpgsqlDataSource database, KpiUnits kpiUnits, ILogger<DossierPlacement> logger) : IHostedService
{
    /// <summary>Dossiers placed per transaction: tens of milliseconds of writing, each a moment of the feed held.</summary>
    public const int BatchSize = 2_000;

    /// <summary>A batch's statement timeout: a batch that cannot be placed in it is rolled back and tried again later.</summary>
    public static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Advisory lock key of the placing ("dvcplace" in ASCII): one placer at a time.</summary>
    private const long LockKey = 0x64_76_63_70_6c_61_63_65;

    /// <summary>The lock the commits hold shared (migration 0012): a new placement waits for the commits in flight.</summary>
    private const string WritersExclusive = "SELECT pg_advisory_xact_lock(35, 0)";

    private const string Replace = """
        UPDATE dossier d SET counted_unit = p.counted_unit, district_code = p.district_code, province_code = p.province_code
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(dossier_id, counted_unit, district_code, province_code)
        WHERE d.dossier_id = p.dossier_id
          AND (d.counted_unit, d.district_code, d.province_code) IS DISTINCT FROM (p.counted_unit, p.district_code, p.province_code)
        """;

    /// <summary>Records this silo's placement when the database has none yet (it is the first silo of the database).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (await Stored(connection, cancellationToken) is null)
        {
            await Write(connection, "ON CONFLICT (single) DO NOTHING", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Makes this configuration's placement the database's (a reform), once the commits in flight are done: from then on
    /// only silos of it write dossiers, and the dossiers stored are to be placed again. Answers whether it changed.
    /// </summary>
    public async Task<bool> Record(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await Write(connection,
            "ON CONFLICT (single) DO UPDATE SET fingerprint = excluded.fingerprint, placed_through = '' WHERE dossier_placement.fingerprint <> excluded.fingerprint",
            cancellationToken);
    }

    /// <summary>
    /// Places the dossiers a reform left, a batch a transaction, while this is the database's placement. With
    /// <paramref name="wait"/> it waits for another placer to finish (and finds nothing left, unless that one failed);
    /// without, it leaves the work to that one. <paramref name="progress"/> hears of every batch.
    /// </summary>
    public async Task<PlacementRun> PlaceRemaining(bool wait, Action<PlacementRun>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await Placing(connection, wait, cancellationToken))
        {
            return new PlacementRun(0, 0, Complete: false);
        }
        try
        {
            var run = new PlacementRun(0, 0, Complete: false);
            while (!run.Complete && await PlaceBatch(connection, cancellationToken) is { } batch)
            {
                run = new PlacementRun(run.Read + batch.Read, run.Moved + batch.Moved, batch.Complete);
                progress?.Invoke(run);
            }
            if (run.Moved > 0)
            {
                LogPlaced(run.Moved, run.Read);
            }
            return run;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// One batch after the last dossier placed, in its own transaction; null when this is not the database's
    /// placement (any more), or nothing is left to place.
    /// </summary>
    private async Task<PlacementRun?> PlaceBatch(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SET LOCAL statement_timeout = {(long)BatchTimeout.TotalMilliseconds}", cancellationToken);
        string after;
        await using (var progress = new NpgsqlCommand("SELECT placed_through FROM dossier_placement WHERE fingerprint = $1 FOR UPDATE", connection))
        {
            progress.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kpiUnits.PlacementFingerprint });
            if (await progress.ExecuteScalarAsync(cancellationToken) is not string placedThrough)
            {
                return null;
            }
            after = placedThrough;
        }
        var ids = new List<string>(BatchSize);
        var paths = new List<UnitPath>(BatchSize);
        await using (var next = new NpgsqlCommand("SELECT dossier_id, unit_code FROM dossier WHERE dossier_id > $1 ORDER BY dossier_id LIMIT $2", connection))
        {
            next.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
            next.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            await using var rows = await next.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                ids.Add(rows.GetString(0));
                paths.Add(kpiUnits.PathOf(rows.GetString(1)));
            }
        }
        await using var replace = new NpgsqlCommand(Replace, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. ids] },
                new NpgsqlParameter<string[]> { TypedValue = [.. paths.Select(path => path.Unit)] },
                new NpgsqlParameter<string?[]> { TypedValue = [.. paths.Select(path => path.District)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. paths.Select(path => path.Province)] },
            },
        };
        var moved = await replace.ExecuteNonQueryAsync(cancellationToken);
        var complete = ids.Count < BatchSize;
        await using (var placed = new NpgsqlCommand("UPDATE dossier_placement SET placed_through = $1", connection))
        {
            placed.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = complete ? null : ids[^1] });
            await placed.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new PlacementRun(ids.Count, moved, complete);
    }

    /// <summary>Takes the placing lock, waiting for it or not; answers whether this connection holds it.</summary>
    private static async Task<bool> Placing(NpgsqlConnection connection, bool wait, CancellationToken cancellationToken)
    {
        if (wait)
        {
            await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
            return true;
        }
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
        return (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Inserts this placement (nothing placed by it yet) under the writers' lock; answers whether a row was written.</summary>
    private async Task<bool> Write(NpgsqlConnection connection, string onConflict, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, WritersExclusive, cancellationToken);
        await using var write = new NpgsqlCommand($"INSERT INTO dossier_placement (fingerprint, placed_through) VALUES ($1, '') {onConflict}", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = kpiUnits.PlacementFingerprint } },
        };
        var written = await write.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<string?> Stored(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT fingerprint FROM dossier_placement", connection);
        return (string?)await select.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The unit hierarchy or mapping changed: {Moved} of {Read} dossiers read placed again for lists and the change feed")]
    private partial void LogPlaced(long moved, long read);
}
