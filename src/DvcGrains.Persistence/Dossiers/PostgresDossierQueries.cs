using System.Globalization;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Lists over table <c>dossier</c>, which commits with the events: a list sees every acknowledged command. A list's
/// statement runs under <paramref name="listStatementTimeout"/> as its <c>statement_timeout</c>, set for its own
/// transaction alone: a list that reads longer is cancelled by PostgreSQL (<see cref="ListTooSlowException"/>) and its
/// connection goes back to the pool.
/// </summary>
public sealed class PostgresDossierQueries(NpgsqlDataSource database, KpiUnits kpiUnits, TimeProvider clock, TimeSpan listStatementTimeout) : IDossierQueries
{
    /// <summary>How long a silo seals with the keys it read: a key added to the table seals everywhere after this.</summary>
    public static readonly TimeSpan PageTokenKeysKept = TimeSpan.FromMinutes(1);

    private (PageTokenKeys Keys, DateTimeOffset ReadAt)? _pageTokenKeys;

    public Task<DossierPage> List(DossierListQuery query, CancellationToken cancellationToken)
    {
        var sql = DossierListSql.For(query, IndexedScope.Of(query.Scope, kpiUnits));
        return sql.Text.Length == 0
            ? Task.FromResult(new DossierPage([], null))
            : PostgresRead.Run(database, "listing dossiers", async () =>
            {
                // One round trip, one implicit transaction: set_config(…, true) holds until it ends, and PostgreSQL
                // arms the timeout anew for the list's statement, with the value just set.
                await using var batch = database.CreateBatch();
                var timeout = new NpgsqlBatchCommand("SELECT set_config('statement_timeout', $1, true)");
                timeout.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StatementTimeoutText });
                var list = new NpgsqlBatchCommand(sql.Text);
                list.Parameters.AddRange(sql.Parameters.Select(parameter => parameter.Clone()).ToArray());
                batch.BatchCommands.Add(timeout);
                batch.BatchCommands.Add(list);
                try
                {
                    await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
                    await rows.NextResultAsync(cancellationToken);
                    var matches = new List<DossierSummary>(query.PageSize + 1);
                    var fitting = 0;
                    while (await rows.ReadAsync(cancellationToken))
                    {
                        matches.Add(DossierSummaryColumns.Read(rows, 0).Summary);
                        if (rows.GetInt64(DossierListSql.BytesBefore) < query.PageBytes)
                        {
                            fitting++;
                        }
                    }
                    return DossierPage.Of(matches, fitting, query);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
                {
                    throw new ListTooSlowException(listStatementTimeout, e);
                }
            });
    }

    /// <summary><c>statement_timeout</c> in milliseconds, PostgreSQL's unit for a bare number.</summary>
    private string StatementTimeoutText => ((long)Math.Ceiling(listStatementTimeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    public Task<string?> LookupCodeOf(string dossierId, CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading a dossier's look-up code", async () =>
        {
            await using var command = database.CreateCommand("SELECT COALESCE(lookup_code, '') FROM dossier WHERE dossier_id = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dossierId });
            return (string?)await command.ExecuteScalarAsync(cancellationToken);
        });

    public async Task<PageTokenKeys> PageTokenKeys(bool reload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!reload && _pageTokenKeys is { } kept && now - kept.ReadAt < PageTokenKeysKept)
        {
            return kept.Keys;
        }
        var keys = await PostgresRead.Run(database, "reading the page token keys", async () =>
        {
            await using var command = database.CreateCommand("SELECT key_id, key FROM page_token_key");
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var byId = new Dictionary<int, byte[]>();
            while (await rows.ReadAsync(cancellationToken))
            {
                byId[rows.GetInt32(0)] = rows.GetFieldValue<byte[]>(1);
            }
            return Abstractions.Dossiers.Listing.PageTokenKeys.Of(byId);
        });
        _pageTokenKeys = (keys, now);
        return keys;
    }
}
