using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>Dossiers in PostgreSQL: reads straight from the pool, writes through the silo's <see cref="CommitPipeline"/>.</summary>
public sealed class PostgresDossierStore(NpgsqlDataSource database, CommitPipeline pipeline) : IDossierStore
{
    public Task<IReadOnlyList<RecordedEvent>> Load(string dossierId, CancellationToken cancellationToken) =>
        Read(DossierRows.LoadEvents, [dossierId], cancellationToken);

    public Task<CommittedVersion?> Committed(string dossierId, CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading a dossier's version", async () =>
        {
            await using var command = database.CreateCommand("SELECT unit_code, version FROM dossier WHERE dossier_id = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dossierId });
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            return await row.ReadAsync(cancellationToken) ? new CommittedVersion(row.GetString(0), row.GetInt32(1)) : null;
        });

    public async Task<RecordedEvent?> FindRequest(string dossierId, string requestId, CancellationToken cancellationToken) =>
        (await Read(DossierRows.FindRequest, [dossierId, requestId], cancellationToken)) is [var recorded] ? recorded : null;

    /// <summary>
    /// One backward range scan of the primary key over the codes that begin as the day's allocated codes do (the '.' that
    /// bounds the range is the character after the prefix's closing '-'), stopping at the first that ends in the sequence.
    /// </summary>
    public Task<long> HighestSequence(string unitCode, DateOnly day, CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading the highest dossier code of a unit's day", async () =>
        {
            var prefix = DossierCode.PrefixOf(unitCode, day);
            await using var command = database.CreateCommand("""
                SELECT dossier_id FROM dossier
                WHERE dossier_id >= $1 AND dossier_id < $2 AND length(dossier_id) = $3 AND dossier_id ~ '[0-9]{7}$'
                ORDER BY dossier_id DESC LIMIT 1
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix[..^1] + "." });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = DossierCode.Format(unitCode, day, 1).Length });
            return await command.ExecuteScalarAsync(cancellationToken) is string code ? DossierCode.SequenceOf(code, unitCode, day) : 0;
        });

    public Task<CommitResult> Commit(DossierWrite write) => pipeline.Commit(write);

    /// <summary>
    /// One statement, so one transaction: the summary at the write's version (the guard: a commit since refuses the
    /// erasure), then its events and the register, only if the summary was. Outside the commit pipeline: erasures are
    /// rare, and no commit waits for one.
    /// </summary>
    public Task<bool> ErasePersonalData(ErasureWrite write, CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "erasing a dossier's personal data", async () =>
        {
            ArgumentNullException.ThrowIfNull(write);
            await using var command = database.CreateCommand(DossierErasureSql.Erase);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.DossierId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)write.Version) });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = ComponentsText.Encode(write.Summary.Components) });
            command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = write.Summary.PersonalDataErasedAt?.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. write.Events.Select(e => checked((int)e.Version))] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. write.Events.Select(DossierRows.EventJson)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)write.Erasure.Cause });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Erasure.Reason });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Erasure.ErasedBy });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Erasure.Client });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = write.Erasure.At.UtcDateTime });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        });

    public Task<IReadOnlyList<string>> ClosedBefore(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken) =>
        PostgresRead.Run<IReadOnlyList<string>>(database, "finding the dossiers whose personal data retention erases", async () =>
        {
            await using var command = database.CreateCommand(DossierErasureSql.ClosedBefore);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = closedBefore.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var codes = new List<string>();
            while (await rows.ReadAsync(cancellationToken))
            {
                codes.Add(rows.GetString(0));
            }
            return codes;
        });

    private Task<IReadOnlyList<RecordedEvent>> Read(string sql, string[] parameters, CancellationToken cancellationToken) =>
        PostgresRead.Run<IReadOnlyList<RecordedEvent>>(database, "reading a dossier", async () =>
        {
            await using var command = database.CreateCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
            }
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<RecordedEvent>();
            while (await rows.ReadAsync(cancellationToken))
            {
                events.Add(DossierRows.Recorded(rows));
            }
            return events;
        });
}
