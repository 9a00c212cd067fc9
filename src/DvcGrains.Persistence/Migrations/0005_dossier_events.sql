-- Dossiers leave the grain state table: each applied command is one row of dossier_event, appended in the same
-- transaction as the dossier's kpi_ledger row, by the silo's commit pipeline (many dossiers per transaction).
--
-- The primary key is the optimistic lock: a writer appends version n+1 only if no event n+1 exists, so two writers
-- that saw the same version cannot both succeed. The unique request id makes a command apply once in the dossier's
-- life; the fingerprint (the first 16 bytes of the SHA-256 of the request as the client sent it) tells a retry from
-- a different command reusing the id.
CREATE TABLE dossier_event
(
    dossier_id  text        NOT NULL,
    version     integer     NOT NULL,
    request_id  text        NOT NULL,
    fingerprint bytea       NOT NULL,
    -- The domain event (DvcGrains.Domain.Dossiers.DossierEvent) as JSON, with its "type".
    event       jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_dossier_event PRIMARY KEY (dossier_id, version),
    CONSTRAINT uq_dossier_event_request UNIQUE (dossier_id, request_id)
);

-- A ledger row is rewritten at every version of its dossier: leave room on each page for the new row version, so
-- that the update stays on the page and touches no index (unit_code and dossier_id never change).
ALTER TABLE kpi_ledger SET (fillfactor = 80);
