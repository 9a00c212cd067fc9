-- Who may write dossiers (decision 35): builds that know the migrations the database requires of its writers, with
-- the hierarchy the database places the summaries by.
--
-- A migration whose backfill an older build would defeat (it would go on writing without what the migration added, as
-- builds before 0006 wrote events without summaries after migrate had written the summaries once) raises
-- oldest_schema to its own number in its own transaction (dossier_writers_require); a reform (the reform command)
-- records another hierarchy in dossier_placement. Every commit's first statement checks both (commit_enter) under the
-- writers' lock held shared; a change of them holds it exclusive: the change waits for the commits in flight, and a
-- commit that comes after it sees it and writes nothing.
CREATE TABLE dossier_writers
(
    single        boolean PRIMARY KEY DEFAULT true CHECK (single),
    -- The lowest migration a build must know to write dossiers; 0: any build since this one's predecessor.
    oldest_schema integer NOT NULL
);
INSERT INTO dossier_writers (oldest_schema) VALUES (0);

-- The dossiers after this code may still be placed by the hierarchy before the one recorded; null once every summary
-- is placed by it. A reform sets it to '' and placement moves it on, a batch a transaction (DossierPlacement).
ALTER TABLE dossier_placement ADD COLUMN placed_through text COLLATE "C";

-- A commit's first statement: the silo's fence shared (migration 0008), then the writers' lock shared, both until the
-- transaction ends; refuses (SQLSTATE DV035, nothing written) a build that does not know oldest_schema, or one whose
-- hierarchy is not the recorded one. PL/pgSQL reads each table in a snapshot taken after its lock was granted, and so
-- does the writing statement after it (READ COMMITTED).
CREATE FUNCTION commit_enter(text, text, integer, integer, integer, text) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    required_schema    integer;
    recorded_placement text;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(15, commit_fence_key($1, $2, $3, $4));
    PERFORM pg_advisory_xact_lock_shared(35, 0);
    SELECT oldest_schema INTO required_schema FROM dossier_writers;
    SELECT fingerprint INTO recorded_placement FROM dossier_placement;
    IF $5 < required_schema OR ($6 IS NOT NULL AND recorded_placement IS NOT NULL AND $6 <> recorded_placement) THEN
        RAISE EXCEPTION 'this server may not write dossiers: the database requires writers that know migration % and place dossiers by %, and this server knows migration % and places by %; replace it with a silo of the build and configuration of the others',
            required_schema, coalesce(recorded_placement, 'any hierarchy'), $5, coalesce($6, 'a hierarchy it does not name')
            USING ERRCODE = 'DV035';
    END IF;
END
$$;

-- Builds from 0008 to 0011 enter their commits here: they know migration 11 at most, and their hierarchy is not known
-- to the database, so only the migration they lack refuses them.
CREATE OR REPLACE FUNCTION commit_fence_enter(cluster_id text, address text, port integer, generation integer) RETURNS void
    LANGUAGE sql
    AS $$ SELECT commit_enter(cluster_id, address, port, generation, 11, NULL) $$;

-- Raises the migration a writer must know to the calling migration's: after it commits, no older build writes a dossier.
-- Every commit waits from this call to the migration's commit, so a migration calls it last.
CREATE FUNCTION dossier_writers_require(schema integer) RETURNS void
    LANGUAGE sql
    AS $$
    SELECT pg_advisory_xact_lock(35, 0);
    UPDATE dossier_writers SET oldest_schema = greatest(oldest_schema, schema);
$$;
