using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The commit pipeline's batch of three statements (beside the other statements of the dossier tables,
/// <see cref="DossierRows"/>), sent in one round trip and run in one transaction: the first holds the silo's fence
/// (<see cref="CommitFence"/>) and the writers' lock shared until the commit ends, the second refuses a silo that may
/// not write (<see cref="DossierWriters"/>), the third writes. Their texts, their parameters, bound to a batch of writes,
/// and what they answer, the dossiers whose events were appended and the id of the transaction that appended them.
/// </summary>
internal static class CommitBatchStatement
{
    /// <summary>The first parameter of the fence (<see cref="CommitFence"/>) in <see cref="Text"/>, after the summary's.</summary>
    public static readonly int FenceParameter = 8 + DossierSummaryColumns.Names.Count;

    /// <summary>The parameter of the database's incarnation the connection learned when it opened (decision 26), after the fence's.</summary>
    private static readonly int IncarnationParameter = FenceParameter + 4;

    /// <summary>
    /// The first statement: the silo's fence (lock class 15, migration 0008), shared until the transaction ends, which
    /// waits while the silo is being declared dead, then the writers' lock (class 35, migration 0012), which waits while a
    /// migration or a reform changes who may write. Plain SQL, planned once per connection: it was <c>commit_enter</c>, a
    /// PL/pgSQL call that cost each batch more than the rest of its entry (docs/benchmarks.md).
    /// </summary>
    public const string Enter = "SELECT pg_advisory_xact_lock_shared(15, commit_fence_key($1, $2, $3, $4)), pg_advisory_xact_lock_shared(35, 0)";

    /// <summary>
    /// The second statement: the writers' check, in a snapshot taken after the locks were granted (READ COMMITTED), so that
    /// it sees a declaration, a migration or a reform that committed meanwhile, as the writing statement after it does.
    /// While this build and hierarchy may write, two one-row reads; otherwise <c>commit_enter</c> (migration 0012) reads
    /// the same rows under the same locks and refuses with SQLSTATE DV035 and its reason, nothing written.
    /// </summary>
    public const string Check = """
        SELECT commit_enter($1, $2, $3, $4, $5, $6)
        WHERE $5 < (SELECT oldest_schema FROM dossier_writers) OR $6 <> (SELECT fingerprint FROM dossier_placement)
        """;

    /// <summary>
    /// Appends each write's event unless its version or request id is taken, and moves the ledger rows and the
    /// summaries of the writes appended, in one statement, provided the committing silo is not dead. Answers the
    /// dossiers appended and the transaction's id, or a single row without a dossier when the silo is dead and nothing
    /// was written. $1-$7 are the event and ledger columns, $8 on the summary's (<see cref="DossierSummaryColumns"/>),
    /// then the fence's cluster, address, port and generation, and last the incarnation the events' transaction id
    /// belongs to.
    /// </summary>
    public static readonly string Text = $"""
        WITH fence AS (
            SELECT 1 FROM cluster_member
            WHERE cluster_id = ${FenceParameter} AND address = ${FenceParameter + 1}
              AND port = ${FenceParameter + 2} AND generation = ${FenceParameter + 3} AND status <> {CommitFence.Dead}
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

    /// <summary>The batch, its parameters typed and the fence's and incarnation's set: a lane prepares it once and binds each batch of writes.</summary>
    /// <param name="connection">None for a batch only bound, never sent.</param>
    /// <param name="incarnation">What the connection learned when it opened: a connection is to one server, whose incarnation it keeps.</param>
    public static NpgsqlBatch Create(
        NpgsqlConnection? connection, CommitFence fence, DossierWriters writers, DatabaseIncarnation incarnation, NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(writers);
        var enter = new NpgsqlBatchCommand(Enter);
        AddFence(enter.Parameters, fence);
        var check = new NpgsqlBatchCommand(Check);
        AddFence(check.Parameters, fence);
        check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = writers.KnownSchema });
        check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = writers.Placement });
        var write = new NpgsqlBatchCommand(Text)
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
        write.Parameters.AddRange(DossierSummaryColumns.Parameters().ToArray());
        AddFence(write.Parameters, fence);
        write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = incarnation.Number });
        return new NpgsqlBatch(connection, transaction) { BatchCommands = { enter, check, write } };
    }

    /// <summary>The statement that writes, whose parameters <see cref="Bind"/> sets.</summary>
    public static NpgsqlBatchCommand Writing(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.BatchCommands[^1];
    }

    /// <summary>Sets the column arrays to the batch, an element per write in its order, in place of the last batch's.</summary>
    public static void Bind(NpgsqlBatch statements, IReadOnlyList<EncodedWrite> batch)
    {
        var parameters = Writing(statements).Parameters;
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
        ((NpgsqlParameter<string[]>)parameters[0]).TypedValue = dossierIds;
        ((NpgsqlParameter<int[]>)parameters[1]).TypedValue = versions;
        ((NpgsqlParameter<string[]>)parameters[2]).TypedValue = requestIds;
        ((NpgsqlParameter<byte[][]>)parameters[3]).TypedValue = fingerprints;
        ((NpgsqlParameter<string[]>)parameters[4]).TypedValue = events;
        ((NpgsqlParameter<string[]>)parameters[5]).TypedValue = unitCodes;
        ((NpgsqlParameter<string[]>)parameters[6]).TypedValue = facts;
        summaries.Bind(parameters, 7);
    }

    /// <summary>The dossiers appended, and the stamp of their transaction (null when none was).</summary>
    /// <exception cref="SiloDeclaredDeadException">The cluster had declared this silo dead: nothing was written.</exception>
    public static async Task<(HashSet<string> Appended, CommitStamp? Stamp)> Execute(
        NpgsqlBatch statements, DatabaseIncarnation incarnation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var appended = new HashSet<string>(StringComparer.Ordinal);
        CommitStamp? stamp = null;
        await using var rows = await statements.ExecuteReaderAsync(cancellationToken);
        // The locks' statement answers one row of nothing, the check's none (or it refuses).
        await rows.NextResultAsync(cancellationToken);
        await rows.NextResultAsync(cancellationToken);
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

    private static void AddFence(NpgsqlParameterCollection parameters, CommitFence fence)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.ClusterId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.Address });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Port });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Generation });
    }
}
