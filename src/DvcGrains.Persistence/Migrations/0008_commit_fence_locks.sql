-- The commit fence (decision 15) as locks that queue fairly.
--
-- Commits used to share-lock their silo's cluster_member row. PostgreSQL lets a new share locker of a row in ahead of
-- an update waiting for that row, so while the lanes' commits overlapped, Orleans' update of the row (the vote that
-- declares the silo dead, its heartbeat) could wait as long as the load lasted, holding a transaction id (the change
-- feed's frontier) and the cluster's version row meanwhile. Advisory locks queue in the heavyweight lock manager,
-- which grants a new shared request only when no exclusive one waits before it: the declaration waits for the commits
-- in flight and for nothing else, and commits that come after it wait for it to end.
--
-- A commit holds its silo's fence shared, taken in a statement of its own before the statement that writes, in the same
-- transaction: under READ COMMITTED the writing statement's snapshot is taken after the lock was granted, so it sees a
-- declaration that committed meanwhile, and writes nothing. Declaring a silo dead, or deleting a silo's row that is not
-- dead yet, holds its fence exclusive until it commits. The heartbeat takes no part: it never waits for commits.

-- One silo incarnation's fence, in a lock space of its own (class 15, after the decision).
CREATE FUNCTION commit_fence_key(cluster_id text, address text, port integer, generation integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT hashtext(cluster_id || '/' || address || ':' || port || '@' || generation) $$;

-- A commit's first statement: the fence shared, until the transaction ends.
CREATE FUNCTION commit_fence_enter(cluster_id text, address text, port integer, generation integer) RETURNS void
    LANGUAGE sql
    AS $$ SELECT pg_advisory_xact_lock_shared(15, commit_fence_key(cluster_id, address, port, generation)) $$;

-- The fence exclusive, until the transaction ends: no commit of the silo is in flight once this answers (true).
CREATE FUNCTION commit_fence_close(cluster_id text, address text, port integer, generation integer) RETURNS boolean
    LANGUAGE sql
    AS $$ SELECT pg_advisory_xact_lock(15, commit_fence_key(cluster_id, address, port, generation)); SELECT true $$;

-- As 0003's, with the fence closed before the version row is locked when the change declares the silo dead
-- (Orleans.Runtime.SiloStatus.Dead = 6): the wait holds no row and no transaction id.
UPDATE orleansquery SET querytext = $sql$
WITH current_version AS (
    SELECT cluster_id FROM cluster_version
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND CASE WHEN @Status = 6 THEN commit_fence_close(@DeploymentId, @Address, @Port, @Generation) ELSE true END
    FOR UPDATE
), updated AS (
    UPDATE cluster_member m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM current_version v
    WHERE m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.cluster_id
), bumped AS (
    UPDATE cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id IN (SELECT cluster_id FROM updated)
    RETURNING 1
)
SELECT count(*) > 0 AS "Updated" FROM bumped
$sql$
WHERE querykey = 'UpdateMembershipKey';

-- As 0003's: a row gone counts as dead to the fence, so deleting one not yet dead closes its fence first.
UPDATE orleansquery SET querytext = $sql$
DELETE FROM cluster_member
WHERE cluster_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
  AND CASE WHEN status = 6 THEN true ELSE commit_fence_close(cluster_id, address, port, generation) END
$sql$
WHERE querykey = 'CleanupDefunctSiloEntriesKey';
