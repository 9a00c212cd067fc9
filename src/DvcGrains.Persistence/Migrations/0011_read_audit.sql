-- The record of reads (issue 27, decision 37): who read which dossiers, lists or feed ranges, when and from where.
-- Appended in batches by the server, searched by an auditor by dossier, by reader and by time, and pruned after
-- Dvc:Audit:Retention. It holds dossier codes and readers, never a field of a dossier.
CREATE TABLE read_audit (
    at timestamptz NOT NULL,
    subject text NOT NULL,
    roles text NOT NULL,
    client text NOT NULL,
    method text NOT NULL,
    dossier_id text,
    query text,
    returned integer NOT NULL
);
CREATE INDEX read_audit_at ON read_audit (at);
CREATE INDEX read_audit_dossier ON read_audit (dossier_id, at) WHERE dossier_id IS NOT NULL;
CREATE INDEX read_audit_subject ON read_audit (subject, at);
