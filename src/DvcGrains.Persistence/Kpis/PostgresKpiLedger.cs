using System.Data;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Kpis;

/// <summary>The KPI ledger in PostgreSQL: table <c>kpi_ledger</c>, which the commit pipeline writes with the dossiers' events.</summary>
public sealed class PostgresKpiLedger(NpgsqlDataSource database) : IKpiLedger
{
    /// <summary>
    /// The rows and the snapshot that read them, in one repeatable-read transaction, which names the incarnation it
    /// read in; on a server whose incarnation is not recorded yet, it records it first.
    /// </summary>
    public async Task<LedgerCount> Count(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            PostgresSnapshot? snapshot = null;
            await using (var current = new NpgsqlCommand(
                $"WITH {IncarnationSql.Latest} SELECT pg_current_snapshot()::text, l.number, l.nonce FROM latest l WHERE l.current",
                connection, transaction))
            await using (var row = await current.ExecuteReaderAsync(cancellationToken))
            {
                if (await row.ReadAsync(cancellationToken))
                {
                    snapshot = PostgresSnapshot.Parse(new DatabaseIncarnation(row.GetInt32(1), row.GetInt64(2)), row.GetString(0));
                }
            }
            if (snapshot is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                await IncarnationRecord.Learn(connection, cancellationToken);
                continue;
            }
            var book = new UnitCounterBook();
            await using (var rows = new NpgsqlCommand("SELECT facts FROM kpi_ledger WHERE unit_code = ANY($1)", connection, transaction))
            {
                rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. unitCodes] });
                await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    book.Apply(KpiContribution.Of(DossierRows.Facts(reader.GetString(0))));
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return new LedgerCount(book, snapshot);
        }
    }

    /// <summary>A skip scan of the unit index: one probe per unit code, however many rows each holds.</summary>
    public async Task<IReadOnlySet<string>> UnitCodes(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH RECURSIVE codes AS (
                (SELECT unit_code FROM kpi_ledger ORDER BY unit_code LIMIT 1)
                UNION ALL
                SELECT (SELECT l.unit_code FROM kpi_ledger l WHERE l.unit_code > codes.unit_code ORDER BY l.unit_code LIMIT 1)
                FROM codes WHERE codes.unit_code IS NOT NULL
            )
            SELECT unit_code FROM codes WHERE unit_code IS NOT NULL
            """);
        return await Codes(command, cancellationToken);
    }

    /// <summary>One index probe per unit, however many rows each holds.</summary>
    public async Task<IReadOnlySet<string>> UnitsWithRecords(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT code FROM unnest($1::text[]) AS u(code) WHERE EXISTS (SELECT 1 FROM kpi_ledger WHERE unit_code = u.code)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. unitCodes] });
        return await Codes(command, cancellationToken);
    }

    private static async Task<IReadOnlySet<string>> Codes(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var units = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(reader.GetString(0));
        }
        return units;
    }
}
