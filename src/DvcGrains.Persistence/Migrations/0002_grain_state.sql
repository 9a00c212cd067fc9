-- Grain state of every storage provider (dossiers, units, catalog, codes).
--
-- The provider identifies a state by service id, state name (it passes it as the "grain type") and grain key:
-- two 64-bit halves for integer and GUID keys, and a string for string keys or key extensions. Those columns are
-- the primary key, so a read or write is one index look-up; the provider's hash parameters are not needed.
-- A missing key extension is stored as '' so that every key column is NOT NULL.
CREATE TABLE grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_n0    bigint      NOT NULL,
    grain_n1    bigint      NOT NULL,
    grain_key   text        NOT NULL,
    -- Orleans-serialized state; NULL once cleared (the row then only keeps the version going).
    payload     bytea,
    version     integer     NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_grain_state PRIMARY KEY (service_id, state_name, grain_key, grain_n0, grain_n1)
);

-- The provider reads the columns "PayloadBinary" and "Version" by name.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = coalesce(@GrainIdExtensionString, '')
  AND grain_n0 = @GrainIdN0
  AND grain_n1 = @GrainIdN1
$sql$);

-- One statement, one round trip: the update succeeds only at the version the grain read (its ETag); a grain that
-- read nothing (no ETag) may only insert, and only if no row exists. Any other case returns no row, which the
-- provider reports as InconsistentStateException. Concurrent writers with the same ETag serialize on the row
-- lock; the second re-checks the version after the first commits and finds it moved on.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '')
      AND grain_n0 = @GrainIdN0
      AND grain_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO grain_state (service_id, state_name, grain_key, grain_n0, grain_n1, payload, version)
    SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT pk_grain_state DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$sql$);

-- Clearing keeps the row with a NULL payload and the next version (used when DeleteStateOnClear is off).
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $sql$
UPDATE grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = coalesce(@GrainIdExtensionString, '')
  AND grain_n0 = @GrainIdN0
  AND grain_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$sql$);

-- Deleting answers the deleted version + 1: the provider needs a value different from the ETag to know that the
-- delete happened, and then forgets the ETag, so the next write inserts.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $sql$
DELETE FROM grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = coalesce(@GrainIdExtensionString, '')
  AND grain_n0 = @GrainIdN0
  AND grain_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$sql$);
