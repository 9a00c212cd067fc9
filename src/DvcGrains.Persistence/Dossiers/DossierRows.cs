using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The dossier tables (migrations 0005 and 0006) and their statements, in one place: <c>dossier_event</c>, one row per
/// applied command, <c>kpi_ledger</c>, one row per dossier at its latest version, and <c>dossier</c>, its summary
/// (columns in <see cref="DossierSummaryColumns"/>). Events and facts are stored as JSON, components as <see cref="ComponentsText"/>.
/// The commit's statement, which writes all three, is <see cref="CommitBatchStatement"/>.
/// </summary>
public static class DossierRows
{
    /// <summary>
    /// Sets each summary given (parameters <paramref name="first"/>, … in <see cref="DossierSummaryColumns.Names"/>
    /// order) unless the table holds a later version of its dossier; <paramref name="join"/> narrows the rows written.
    /// </summary>
    public static string UpsertSummaries(int first, string join)
    {
        var columns = DossierSummaryColumns.Names;
        var names = string.Join(", ", columns.Select(column => column.Name));
        var arrays = string.Join(", ", columns.Select((column, i) => $"${first + i}::{column.Type}[]"));
        var updates = string.Join(", ", columns.Skip(1).Select(column => $"{column.Name} = excluded.{column.Name}"));
        return $"""
            INSERT INTO dossier ({names})
            SELECT s.* FROM unnest({arrays}) AS s({names}) {join}
            ON CONFLICT (dossier_id) DO UPDATE SET {updates}
            WHERE dossier.version < excluded.version
            """;
    }

    /// <summary>
    /// Writes whole histories at once, as an import does: the events ($1-$5) unless already there, and each dossier's
    /// ledger row ($6-$9) unless the ledger holds a later version; their summaries are left to
    /// <see cref="DossierSummaryBackfill"/>, which the statement asks for. $10 is the database's incarnation, which the
    /// connection learned before its transaction began.
    /// </summary>
    public const string ImportHistories = """
        WITH events AS (
            INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event, incarnation)
            SELECT *, $10 FROM unnest($1::text[], $2::integer[], $3::text[], $4::bytea[], $5::jsonb[])
            ON CONFLICT DO NOTHING
        ), summaries_to_write AS (
            INSERT INTO dossier_summary_backfill VALUES (true) ON CONFLICT DO NOTHING
        )
        INSERT INTO kpi_ledger (dossier_id, unit_code, version, facts)
        SELECT * FROM unnest($6::text[], $7::text[], $8::integer[], $9::jsonb[])
        ON CONFLICT (dossier_id) DO UPDATE SET unit_code = excluded.unit_code, version = excluded.version, facts = excluded.facts, recorded_at = now()
        WHERE kpi_ledger.version <= excluded.version
        """;

    public const string LoadEvents =
        "SELECT request_id, fingerprint, event FROM dossier_event WHERE dossier_id = $1 ORDER BY version";

    public const string FindRequest =
        "SELECT request_id, fingerprint, event FROM dossier_event WHERE dossier_id = $1 AND request_id = $2";

    /// <summary>
    /// Stored JSON holds what a record is made of: no computed properties (a record's properties without a setter, such
    /// as an event's Note), no default values (false, null, 0; read back as such). jsonb keeps an object's keys in its
    /// own order, so an event's "type" may come back after its other fields.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutComputedProperties } },
    };

    private static void WithoutComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind == JsonTypeInfoKind.Object && (type.Type.GetMethod("<Clone>$") is not null || type.Type.IsValueType))
        {
            foreach (var computed in type.Properties.Where(property => property.Set is null).ToList())
            {
                type.Properties.Remove(computed);
            }
        }
    }

    public static string EventJson(DossierEvent dossierEvent) => JsonSerializer.Serialize(dossierEvent, Json);

    public static string FactsJson(DossierKpiFacts facts) => JsonSerializer.Serialize(facts, Json);

    public static DossierKpiFacts Facts(string json) =>
        JsonSerializer.Deserialize<DossierKpiFacts>(json, Json) ?? throw new InvalidDataException("A kpi_ledger row holds no facts.");

    public static DossierEvent Event(string json) =>
        JsonSerializer.Deserialize<DossierEvent>(json, Json) ?? throw new InvalidDataException("A dossier_event row holds no event.");

    /// <summary>Reads the rows of <see cref="LoadEvents"/> and <see cref="FindRequest"/>.</summary>
    public static RecordedEvent Recorded(NpgsqlDataReader row) =>
        new(Event(row.GetString(2)), row.GetString(0), RequestFingerprint.FromBytes(row.GetFieldValue<byte[]>(1)));
}
