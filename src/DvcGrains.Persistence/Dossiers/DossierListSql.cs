using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// A page of a dossier list as one statement over table <c>dossier</c>: <see cref="DossierFilter.Matches"/> stated over
/// its columns, in the order's key, after the previous page's last key. Each part of the list (open or ended dossiers,
/// as the filter admits) of each unit of the <see cref="IndexedScope"/> reads its own range of an index, up to the
/// page's length, and the ranges are merged: no list reads more than a page's rows per range, nor sorts more than those.
/// The page ends in bytes too (<see cref="DossierListQuery.PageBytes"/>): the database sends no row past the one after
/// those that fit.
/// </summary>
public sealed class DossierListSql
{
    private const string UrgencyKey = "COALESCE(d.appointment_at, 'infinity'::timestamptz)";

    /// <summary>
    /// The column, after the summary's, of what the rows before a row take (<see cref="MemoryEstimateSql"/>): the row
    /// fits the page while that is below the page's bytes.
    /// </summary>
    public static readonly int BytesBefore = DossierSummaryColumns.Names.Count;

    private readonly List<NpgsqlParameter> _parameters = [];

    private DossierListSql(string text) => Text = text;

    /// <summary>The statement; empty when the filter admits no dossier at all.</summary>
    public string Text { get; private set; }

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    public static DossierListSql For(DossierListQuery query, IndexedScope scope)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        var sql = new DossierListSql("");
        var limit = sql.Add(query.PageSize + 1, NpgsqlDbType.Integer);
        // One unit is a parameter; several are the rows of an array, each read by the parts in a lateral join.
        var unit = scope.Codes is [var code] ? sql.Add(code, NpgsqlDbType.Text) : "scope.code";
        var (order, outerOrder) = query.Order == DossierOrder.NewestFirst
            ? ("d.submitted_at DESC, d.dossier_id DESC", "submitted_at DESC, dossier_id DESC")
            : ($"{UrgencyKey}, d.dossier_id", "urgency, dossier_id");
        var parts = new List<string>();
        if (query.Filter.AdmitsOpen)
        {
            parts.Add(sql.Part(query, $"d.{scope.Column} = {unit}", ended: false, order, limit));
        }
        if (query.Filter.AdmitsEnded)
        {
            parts.Add(sql.Part(query, $"d.{scope.Column} = {unit}", ended: true, order, limit));
        }
        if (parts.Count > 0)
        {
            var from = scope.Codes.Count == 1
                ? $"({string.Join(" UNION ALL ", parts)}) d"
                : $"unnest({sql.Add(scope.Codes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}) AS scope(code) CROSS JOIN LATERAL ({string.Join(" UNION ALL ", parts)}) d";
            // A page ends in bytes too: a row is sent while those before the previous one are below the budget, so
            // the rows that fit and one past them, to know whether more follow. One window (a running sum and the row
            // before's share) and no sort after it: three windows and a sort made a list cost twice what it did.
            var estimate = MemoryEstimateSql.OfSummary("d");
            sql.Text = $"""
                SELECT {DossierSummaryColumns.SelectList("p")}, p.bytes_before FROM (
                    SELECT {DossierSummaryColumns.SelectList("d")}, d.urgency,
                           sum({estimate}) OVER running - {estimate} AS bytes_before,
                           lag({estimate}, 1, 0) OVER running AS previous_bytes
                    FROM {from}
                    WINDOW running AS (ORDER BY {outerOrder} ROWS UNBOUNDED PRECEDING)
                    ORDER BY {outerOrder} LIMIT {limit}
                ) p
                WHERE p.bytes_before - p.previous_bytes < {sql.Add(query.PageBytes, NpgsqlDbType.Bigint)}
                ORDER BY {outerOrder}
                """;
        }
        return sql;
    }

    private string Part(DossierListQuery query, string inScope, bool ended, string order, string limit)
    {
        var conditions = new List<string> { ended ? "d.ended = true" : "d.ended = false", inScope };
        conditions.AddRange(Filters(query.Filter, query.AsOf));
        if (query.After is { } after)
        {
            conditions.Add(query.Order == DossierOrder.NewestFirst
                ? $"(d.submitted_at, d.dossier_id) < ({Add(after.At!.Value.UtcDateTime, NpgsqlDbType.TimestampTz)}, {Add(after.DossierId, NpgsqlDbType.Text)})"
                : $"({UrgencyKey}, d.dossier_id) > (COALESCE({Add(after.At?.UtcDateTime, NpgsqlDbType.TimestampTz)}, 'infinity'::timestamptz), {Add(after.DossierId, NpgsqlDbType.Text)})");
        }
        return $"(SELECT d.*, {UrgencyKey} AS urgency FROM dossier d WHERE {string.Join(" AND ", conditions)} ORDER BY {order} LIMIT {limit})";
    }

    private IEnumerable<string> Filters(DossierFilter filter, DateTimeOffset asOf)
    {
        if (filter.Statuses.Count > 0)
        {
            yield return $"d.status = ANY({Add(filter.Statuses.Select(status => (short)status).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint)})";
        }
        if (filter.Timeliness.Count > 0)
        {
            yield return $"({string.Join(" OR ", filter.Timeliness.Select(value => Timeliness(value, asOf)))})";
        }
        if (filter.DueBefore is { } due)
        {
            yield return $"{UrgencyKey} < {Add(due.UtcDateTime, NpgsqlDbType.TimestampTz)}";
        }
        if (filter.SubmittedFrom is { } from)
        {
            yield return $"d.submitted_at >= {Add(from.UtcDateTime, NpgsqlDbType.TimestampTz)}";
        }
        if (filter.SubmittedBefore is { } before)
        {
            yield return $"d.submitted_at < {Add(before.UtcDateTime, NpgsqlDbType.TimestampTz)}";
        }
        if (filter.ProcedureCode is { } procedure)
        {
            yield return $"d.procedure_code = {Add(procedure, NpgsqlDbType.Text)}";
        }
        if (filter.Channel is { } channel)
        {
            yield return $"d.channel = {Add((short)channel, NpgsqlDbType.Smallint)}";
        }
        if (filter.NotSynced)
        {
            yield return "NOT d.synced";
        }
    }

    /// <summary><see cref="TimelinessRules.At"/> over the columns: the fixed judgement, or the open one by the minute.</summary>
    private string Timeliness(Timeliness value, DateTimeOffset asOf) => value switch
    {
        Domain.Dossiers.Timeliness.Overdue => $"d.overdue_from < {Add(TimelinessRules.JudgedAt(asOf).UtcDateTime, NpgsqlDbType.TimestampTz)}",
        Domain.Dossiers.Timeliness.WithinDeadline =>
            $"(NOT d.ended AND d.received_at IS NOT NULL AND (d.overdue_from IS NULL OR d.overdue_from >= {Add(TimelinessRules.JudgedAt(asOf).UtcDateTime, NpgsqlDbType.TimestampTz)}))",
        Domain.Dossiers.Timeliness.Unspecified => "(d.final_timeliness = 0 AND (d.received_at IS NULL OR d.ended))",
        _ => $"d.final_timeliness = {Add((short)value, NpgsqlDbType.Smallint)}",
    };

    private string Add<T>(T value, NpgsqlDbType type)
    {
        _parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return $"${_parameters.Count}";
    }
}
