using DvcGrains.Abstractions.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// <see cref="DossierRows.CommitBatch"/> as a command: its parameters, bound to a batch of writes, and what it answers,
/// the dossiers whose events were appended and the id of the transaction that appended them.
/// </summary>
internal static class CommitBatchStatement
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, CommitFence fence, NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(fence);
        var command = new NpgsqlCommand(DossierRows.CommitBatch, connection, transaction)
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
        return command;
    }

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
    public static async Task<(HashSet<string> Appended, CommitStamp? Stamp)> Execute(NpgsqlCommand command, CancellationToken cancellationToken)
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
            stamp = new CommitStamp(rows.GetFieldValue<ulong>(1));
        }
        return (appended, stamp);
    }
}
