-- The read side: lists of dossiers and the change feed (decision 14).
--
-- dossier: one row per dossier as its latest command left it, upserted by the commit pipeline in the same statement,
-- and so the same transaction, as the event and the ledger row: a list reflects every acknowledged command. The unit
-- columns place the dossier for lists: the unit that counts it (its own, its successor after a reform, or OUTSIDE),
-- and that unit's district (2023 hierarchy) and province, so that a unit's subtree is one equality on one column.
CREATE TABLE dossier
(
    dossier_id          text COLLATE "C" PRIMARY KEY,
    version             integer     NOT NULL,
    unit_code           text        NOT NULL,
    counted_unit        text        NOT NULL,
    district_code       text,
    province_code       text        NOT NULL,
    status              smallint    NOT NULL,
    procedure_code      text        NOT NULL,
    channel             smallint    NOT NULL,
    applicant_type      smallint    NOT NULL,
    vneid_authenticated boolean     NOT NULL,
    submitted_at        timestamptz NOT NULL,
    received_at         timestamptz,
    appointment_at      timestamptz,
    finished_at         timestamptz,
    returned_at         timestamptz,
    -- Processing ended (finished, stopped or refused): the open part of each index is an officer's work queue.
    ended               boolean     NOT NULL,
    final_timeliness    smallint    NOT NULL,
    -- When the open dossier turns overdue; null once it ended, before reception, or while it cannot.
    overdue_from        timestamptz,
    supplement_requests integer     NOT NULL,
    paused_seconds      bigint      NOT NULL,
    fee_due_vnd         bigint      NOT NULL,
    paid_vnd            bigint      NOT NULL,
    paid_online         boolean     NOT NULL,
    electronic_result   boolean     NOT NULL,
    synced              boolean     NOT NULL,
    rated               boolean     NOT NULL,
    satisfied           boolean     NOT NULL,
    apologies           integer     NOT NULL,
    -- The dossier's components, each its flags, its name's length, ':' and its name (ComponentsText); null for none.
    components          text
);

-- Most commands change no indexed column (only reception, an appointment moved, or the end do): with room on the
-- page their new row version stays there and touches no index.
ALTER TABLE dossier SET (fillfactor = 80);

-- Each order, for the units that count dossiers (communes, and the desks of provinces and districts) and for
-- provinces: the unit's dossiers, open or ended, in the order's key. A list reads one range of an index per part (open,
-- ended) and per unit, stops at the page's end, and merges the ranges: a district's list reads its communes, the
-- nation's its provinces (IndexedScope). No more levels: each index is written by every dossier.
CREATE INDEX ix_dossier_unit_newest ON dossier (counted_unit, ended, submitted_at DESC, dossier_id DESC);
CREATE INDEX ix_dossier_province_newest ON dossier (province_code, ended, submitted_at DESC, dossier_id DESC);
CREATE INDEX ix_dossier_unit_urgent ON dossier (counted_unit, ended, (COALESCE(appointment_at, 'infinity')), dossier_id);
CREATE INDEX ix_dossier_province_urgent ON dossier (province_code, ended, (COALESCE(appointment_at, 'infinity')), dossier_id);

-- Two lists whose rows are few among a province's: the overdue list (the open dossiers past their time, what the
-- overdue counter counts) and the sync backlog. Partial, so that they hold only those rows; a commune's part of the
-- indexes above is small enough to read whole.
CREATE INDEX ix_dossier_unit_overdue ON dossier (counted_unit, overdue_from) WHERE overdue_from IS NOT NULL;
CREATE INDEX ix_dossier_province_overdue ON dossier (province_code, overdue_from) WHERE overdue_from IS NOT NULL;
CREATE INDEX ix_dossier_province_not_synced ON dossier (province_code, ended, submitted_at DESC, dossier_id DESC) WHERE NOT synced;

-- The change log: each event carries the id of the transaction that wrote it. Ids are assigned when a transaction
-- first writes, not when it commits, so the feed reads only below the oldest transaction still in flight
-- (pg_snapshot_xmin), where no commit can still appear. The events already stored take this migration's id: they
-- come first, each dossier's in version order.
ALTER TABLE dossier_event ADD COLUMN commit_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX ix_dossier_event_commit ON dossier_event (commit_xid, dossier_id COLLATE "C", version);

-- The dossiers stored before this migration (or moved from grain state after it) have no summary yet: migrate writes
-- them (DossierSummaryBackfill), and a silo refuses to start while this row remains.
CREATE TABLE dossier_summary_backfill (pending boolean PRIMARY KEY CHECK (pending));
INSERT INTO dossier_summary_backfill SELECT true WHERE EXISTS (SELECT 1 FROM dossier_event);

-- Which hierarchy and unit mapping the unit columns of dossier were filled from (KpiUnits.PlacementFingerprint): a
-- silo that starts with others (after a reform) places the dossiers again before it serves (DossierPlacement).
CREATE TABLE dossier_placement (single boolean PRIMARY KEY DEFAULT true CHECK (single), fingerprint text NOT NULL);

-- The secret that seals list page tokens, the same for every silo of the database (gen_random_uuid draws from the
-- operating system's strong random source).
CREATE TABLE page_token_key (key bytea NOT NULL CHECK (length(key) = 32));
INSERT INTO page_token_key SELECT uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid());
