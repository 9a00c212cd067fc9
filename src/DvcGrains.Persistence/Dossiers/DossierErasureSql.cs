namespace DvcGrains.Persistence.Dossiers;

/// <summary>The statements of erasure and retention (migration 0013): the rewrite of a dossier, the register, the policy's query.</summary>
public static class DossierErasureSql
{
    /// <summary>
    /// $1 the dossier, $2 its version, $3 its components as erased, $4 when; $5/$6 each event's version and its JSON as
    /// erased; $7-$11 the register's entry. Answers 1 when the dossier was at $2 and everything was written, else 0 and nothing.
    /// </summary>
    public const string Erase = """
        WITH summary AS (
            UPDATE dossier SET components = $3, personal_data_erased_at = $4
            WHERE dossier_id = $1 AND version = $2
            RETURNING dossier_id
        ), events AS (
            UPDATE dossier_event e SET event = u.event
            FROM unnest($5::integer[], $6::jsonb[]) AS u(version, event), summary s
            WHERE e.dossier_id = s.dossier_id AND e.version = u.version
        ), register AS (
            INSERT INTO dossier_erasure (dossier_id, cause, reason, erased_by, client, erased_at)
            SELECT s.dossier_id, $7, $8, $9, $10, $11 FROM summary s
        )
        SELECT count(*) FROM summary
        """;

    /// <summary>$1 the bound, $2 how many: the policy's index (<c>ix_dossier_retention</c>), oldest first.</summary>
    public const string ClosedBefore = """
        SELECT dossier_id FROM dossier
        WHERE closed_at < $1 AND closed_at IS NOT NULL AND personal_data_erased_at IS NULL
        ORDER BY closed_at LIMIT $2
        """;

    /// <summary>$1 how far back: the register's entries recorded since, by the database's clock.</summary>
    public const string ErasedWithin = """
        SELECT dossier_id, cause, reason, erased_by, client, erased_at FROM dossier_erasure
        WHERE recorded_at > statement_timestamp() - $1
        """;
}
