-- Cluster membership: one version row per cluster, one row per silo incarnation (address, port, generation).
-- Orleans changes a member row only together with the version it read, so that two silos acting on the same
-- view of the cluster cannot both win: the version row is the cluster-wide optimistic lock.
CREATE TABLE cluster_version
(
    cluster_id text        PRIMARY KEY,
    version    integer     NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cluster_member
(
    cluster_id      text        NOT NULL REFERENCES cluster_version ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    -- Orleans.Runtime.SiloStatus: 3 Active, 6 Dead, ...
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    -- "<silo address>,<time>|..." as the provider formats it.
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT pk_cluster_member PRIMARY KEY (cluster_id, address, port, generation)
);

-- The first silo of a cluster creates its version row; answers whether this call created it.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS "Created" FROM created
$sql$);

-- Each change below is one statement: lock the version row if it is still at the version the silo read
-- (FOR UPDATE re-checks the version after waiting for a concurrent change), change the member row, then bump the
-- version only if the member row changed. Either both happen or neither; the answer says which.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $sql$
WITH current_version AS (
    SELECT cluster_id FROM cluster_version
    WHERE cluster_id = @DeploymentId AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO cluster_member
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM current_version
    ON CONFLICT ON CONSTRAINT pk_cluster_member DO NOTHING
    RETURNING cluster_id
), bumped AS (
    UPDATE cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id IN (SELECT cluster_id FROM inserted)
    RETURNING 1
)
SELECT count(*) > 0 AS "Inserted" FROM bumped
$sql$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $sql$
WITH current_version AS (
    SELECT cluster_id FROM cluster_version
    WHERE cluster_id = @DeploymentId AND version = @Version
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
$sql$);

-- The heartbeat does not take part in the version protocol.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $sql$
UPDATE cluster_member
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$);

-- The version row comes back even without a member row: the provider takes the table version from it.
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM cluster_version v
LEFT JOIN cluster_member m
       ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM cluster_version v
LEFT JOIN cluster_member m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$sql$);

-- Member rows go with their version row (ON DELETE CASCADE).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM cluster_version WHERE cluster_id = @DeploymentId
$sql$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM cluster_member
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$);

-- Silos that stopped sending heartbeats before the given time and are not active (SiloStatus.Active = 3).
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM cluster_member
WHERE cluster_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$sql$);
