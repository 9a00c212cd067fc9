-- The database's incarnations (decision 26): each stretch of its history in which transaction ids keep their order.
-- A restore from a dump (a new cluster or database: ids start again), a point-in-time restore or a failover (a new
-- timeline: ids a lost branch used are used again) begins a new one. The first connection that finds the server's
-- identity (system identifier, timeline, database) unlike the last row's records the next row; rows are never changed
-- but for durable_below, which only grows.
CREATE TABLE database_incarnation
(
    number            integer     PRIMARY KEY,
    -- Drawn at random: two branches of one history number their next incarnation alike, and only this tells them apart.
    nonce             bigint      NOT NULL,
    system_identifier bigint      NOT NULL,
    timeline          integer     NOT NULL,
    database_oid      oid         NOT NULL,
    -- Changes of the incarnation before this one below this transaction id are all in this one, as they were there:
    -- what the earlier one had made durable when this one branched from it. Null for the first.
    kept_below        xid8,
    -- Every transaction of this incarnation below this id has ended, and its end is on disk (and on the synchronous
    -- standbys): the change log never reads past it, so no change it gave can vanish in a crash or reappear reordered.
    durable_below     xid8        NOT NULL DEFAULT '0',
    -- The last instant the earlier incarnation was seen alive at (its seen_at): what this one lacks of it came later.
    branched_after    timestamptz NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    -- Moved to now() by every silo every second or so while the incarnation is current (IncarnationWatch).
    seen_at           timestamptz NOT NULL DEFAULT now()
);

-- Each event names the incarnation its transaction id belongs to; the events stored so far are of the first. The
-- change log's order is (incarnation, transaction id, dossier, version).
ALTER TABLE dossier_event ADD COLUMN incarnation integer NOT NULL DEFAULT 1;
ALTER TABLE dossier_event ALTER COLUMN incarnation DROP DEFAULT;
CREATE INDEX ix_dossier_event_feed ON dossier_event (incarnation, commit_xid, dossier_id COLLATE "C", version);
DROP INDEX ix_dossier_event_commit;
