using DvcGrains.Abstractions.Audit;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Audit;

/// <summary>The record of reads in table <c>read_audit</c> (migration 0011): a batch is one COPY, all or none.</summary>
public sealed class PostgresReadAuditLog(NpgsqlDataSource database) : IReadAuditLog
{
    private const string Columns = "at, subject, roles, client, method, dossier_id, query, returned";

    public async Task Append(IReadOnlyList<ReadRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY read_audit ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var record in records)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(record.At, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(record.Subject, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(string.Join(' ', record.Roles), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(record.Client, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(record.Method, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(record.DossierId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(record.Query, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(record.Returned, NpgsqlDbType.Integer, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ReadRecord>> Find(ReadAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return PostgresRead.Run(database, "reading the record of reads", async () =>
        {
            await using var command = database.CreateCommand($"""
                SELECT {Columns} FROM read_audit
                WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR dossier_id = $3) AND ($4::text IS NULL OR subject = $4)
                ORDER BY at DESC LIMIT $5
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.Before });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.DossierId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var found = new List<ReadRecord>();
            while (await rows.ReadAsync(cancellationToken))
            {
                found.Add(new ReadRecord(
                    rows.GetFieldValue<DateTimeOffset>(0), rows.GetString(1), rows.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    rows.GetString(3), rows.GetString(4), rows.IsDBNull(5) ? null : rows.GetString(5), rows.IsDBNull(6) ? null : rows.GetString(6),
                    rows.GetInt32(7)));
            }
            return (IReadOnlyList<ReadRecord>)found;
        });
    }

    public async Task<long> DeleteBefore(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM read_audit WHERE at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
