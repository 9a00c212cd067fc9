-- Erasure of a dossier's personal data and its retention (issue 27, decision 38).
--
-- The register of erasures: which dossier's personal data were erased, why, by whom (the portal's token subject, or
-- the retention policy) and when. It holds no personal data, so it is kept for good, read by every silo to learn of
-- erasures (recorded_at, the database's clock), and exported to erase again what a restored backup brings back.
CREATE TABLE dossier_erasure (
    dossier_id  text COLLATE "C" NOT NULL,
    cause       smallint NOT NULL,
    reason      text NOT NULL,
    erased_by   text NOT NULL,
    client      text NOT NULL,
    erased_at   timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT statement_timestamp()
);
CREATE INDEX dossier_erasure_recorded ON dossier_erasure (recorded_at);
CREATE INDEX dossier_erasure_dossier ON dossier_erasure (dossier_id);

-- A summary says whether its personal data were erased, and when its dossier closed (returned, refused, stopped):
-- what the retention policy counts from. Only closed dossiers whose data are kept are in the policy's index.
ALTER TABLE dossier ADD COLUMN personal_data_erased_at timestamptz, ADD COLUMN closed_at timestamptz;
CREATE INDEX ix_dossier_retention ON dossier (closed_at) WHERE closed_at IS NOT NULL AND personal_data_erased_at IS NULL;

-- The dossiers closed before this migration closed at their first event that left them in a status they do not leave.
UPDATE dossier d SET closed_at = (
    SELECT min((e.event ->> 'At')::timestamptz) FROM dossier_event e
    WHERE e.dossier_id = d.dossier_id AND e.event ->> 'type' IN ('Refused', 'ProcessingStopped', 'ResultReturned'))
WHERE d.status IN (3, 8, 10);

-- A build before this one would close dossiers without closed_at, which the policy would then never erase.
SELECT dossier_writers_require(13);
