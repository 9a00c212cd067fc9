using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The commit pipeline's one statement (beside the other statements of the dossier tables, <see cref="DossierRows"/>):
/// its text, its parameters, bound to a batch of writes, and what it answers, the dossiers whose events were appended
/// and the id of the transaction that appended them.
/// </summary>
internal static class CommitBatchStatement
{
    /// <summary>The first parameter of the fence (<see cref="CommitFence"/>), after the summary's.</summary>
    public static readonly int FenceParameter = 8 + DossierSummaryColumns.Names.Count;

    /// <summary>The parameter of the database's incarnation the connection learned when it opened (decision 26), after the fence's.</summary>
    private static readonly int IncarnationParameter = FenceParameter + 4;

    /// <summary>
    /// Appends each write's event unless its version or request id is taken, and moves the ledger rows and the
    /// summaries of the writes appended, in one statement and so one transaction, provided the committing silo is not
    /// dead (<see cref="CommitFence"/>). Answers the dossiers appended and the transaction's id, or a single row
    /// without a dossier when the silo is dead and nothing was written. $1-$7 are the event and ledger columns, $8 on
    /// the summary's (<see cref="DossierSummaryColumns"/>), then the fence's cluster, address, port and generation, and
    /// last the incarnation the events' transaction id belongs to.
    /// </summary>
    public static readonly string Text = $"""
        WITH fence AS (
            SELECT 1 FROM cluster_member
            WHERE cluster_id = ${FenceParameter} AND address = ${FenceParameter + 1}
              AND port = ${FenceParameter + 2} AND generation = ${FenceParameter + 3} AND status <> {CommitFence.Dead}
            FOR SHARE
        ), batch AS (
            SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::bytea[], $5::jsonb[], $6::text[], $7::jsonb[])
                AS b(dossier_id, version, request_id, fingerprint, event, unit_code, facts)
            WHERE EXISTS (SELECT 1 FROM fence)
        ), appended AS (
            INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event, incarnation)
            SELECT dossier_id, version, request_id, fingerprint, event, ${IncarnationParameter} FROM batch
            ON CONFLICT DO NOTHING
            RETURNING dossier_id
        ), ledger AS (
            INSERT INTO kpi_ledger (dossier_id, unit_code, version, facts)
            SELECT b.dossier_id, b.unit_code, b.version, b.facts FROM batch b JOIN appended a USING (dossier_id)
            ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version, facts = excluded.facts, recorded_at = now()
            WHERE kpi_ledger.version < excluded.version
        ), summary AS (
            {DossierRows.UpsertSummaries(8, "JOIN appended a USING (dossier_id)")}
        )
        SELECT dossier_id, pg_current_xact_id() FROM appended
        UNION ALL
        SELECT NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM fence)
        """;

    /// <summary>The statement, its parameters typed and the fence's and incarnation's set: a lane prepares it once and binds each batch.</summary>
    /// <param name="connection">None for a statement only bound, never sent.</param>
    /// <param name="incarnation">What the connection learned when it opened: a connection is to one server, whose incarnation it keeps.</param>
    public static NpgsqlCommand Create(NpgsqlConnection? connection, CommitFence fence, DatabaseIncarnation incarnation, NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(fence);
        var command = new NpgsqlCommand(Text, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<byte[][]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            },
        };
        command.Parameters.AddRange(DossierSummaryColumns.Parameters().ToArray());
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.Address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Generation });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = incarnation.Number });
        return command;
    }

    /// <summary>Sets the column arrays to the batch, an element per write in its order, in place of the last batch's.</summary>
    public static void Bind(NpgsqlCommand command, IReadOnlyList<EncodedWrite> batch)
    {
        var count = batch.Count;
        var dossierIds = new string[count];
        var versions = new int[count];
        var requestIds = new string[count];
        var fingerprints = new byte[count][];
        var events = new string[count];
        var unitCodes = new string[count];
        var facts = new string[count];
        var summaries = new DossierSummaryColumns(count);
        for (var i = 0; i < count; i++)
        {
            var encoded = batch[i];
            dossierIds[i] = encoded.Write.DossierId;
            versions[i] = checked((int)encoded.Write.Version);
            requestIds[i] = encoded.Write.Recorded.RequestId;
            fingerprints[i] = encoded.Fingerprint;
            events[i] = encoded.EventJson;
            unitCodes[i] = encoded.Write.UnitCode;
            facts[i] = encoded.FactsJson;
            summaries.Set(i, encoded.Write.Summary, encoded.Path, encoded.Components);
        }
        ((NpgsqlParameter<string[]>)command.Parameters[0]).TypedValue = dossierIds;
        ((NpgsqlParameter<int[]>)command.Parameters[1]).TypedValue = versions;
        ((NpgsqlParameter<string[]>)command.Parameters[2]).TypedValue = requestIds;
        ((NpgsqlParameter<byte[][]>)command.Parameters[3]).TypedValue = fingerprints;
        ((NpgsqlParameter<string[]>)command.Parameters[4]).TypedValue = events;
        ((NpgsqlParameter<string[]>)command.Parameters[5]).TypedValue = unitCodes;
        ((NpgsqlParameter<string[]>)command.Parameters[6]).TypedValue = facts;
        summaries.Bind(command.Parameters, 7);
    }

    /// <summary>The dossiers appended, and the stamp of their transaction (null when none was).</summary>
    /// <exception cref="SiloDeclaredDeadException">The cluster had declared this silo dead: nothing was written.</exception>
    public static async Task<(HashSet<string> Appended, CommitStamp? Stamp)> Execute(
        NpgsqlCommand command, DatabaseIncarnation incarnation, CancellationToken cancellationToken)
    {
        var appended = new HashSet<string>(StringComparer.Ordinal);
        CommitStamp? stamp = null;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.IsDBNull(0))
            {
                throw new SiloDeclaredDeadException();
            }
            appended.Add(rows.GetString(0));
            stamp = new CommitStamp(incarnation, rows.GetFieldValue<ulong>(1));
        }
        return (appended, stamp);
    }
}
