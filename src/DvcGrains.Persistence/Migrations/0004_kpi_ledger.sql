-- The KPI ledger: the facts each dossier last delivered to the unit that received it, one row per dossier at its
-- latest version. A unit's counters are the sum of its rows (and its children's), so a unit re-activated after a
-- crash sums them again, and verify-kpis compares them with the dossiers' own states.
CREATE TABLE kpi_ledger
(
    dossier_id  text        PRIMARY KEY,
    unit_code   text        NOT NULL,
    version     bigint      NOT NULL,
    facts       jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- A unit loads its rows at activation; the skip scan of UnitsWithRecords walks this index too.
CREATE INDEX ix_kpi_ledger_unit ON kpi_ledger (unit_code);
