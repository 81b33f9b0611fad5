-- Grain state for Orleans.Persistence.AdoNet. A row is one state of one grain: the provider passes
-- the state name as the grain type (dotnet/orleans#8746), which is why every state name in
-- StorageNames is unique across grain types. Version is the ETag: a write must name the version
-- it read, and a write that returns the same version is a conflict (InconsistentStateException).

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamp    NOT NULL,
    Version                integer      NULL
);

-- One row per state: a unique index (not just the lookup index) makes a racing first write of two
-- activations fail cleanly instead of leaving two rows. The extension is nullable, hence coalesce.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Key ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, coalesce(GrainIdExtensionString, ''));

CREATE OR REPLACE FUNCTION unitgrains_write_state(
    id_hash integer, id_n0 bigint, id_n1 bigint, type_hash integer, type_string varchar,
    id_extension varchar, service varchar, expected_version integer, payload bytea)
RETURNS TABLE (NewGrainStateVersion integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    IF expected_version IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = payload, ModifiedOn = (now() AT TIME ZONE 'utc'), Version = Version + 1
        WHERE GrainIdHash = id_hash AND GrainTypeHash = type_hash AND GrainIdN0 = id_n0 AND GrainIdN1 = id_n1
          AND GrainTypeString = type_string AND ServiceId = service
          AND coalesce(GrainIdExtensionString, '') = coalesce(id_extension, '')
          AND Version = expected_version;
    ELSE
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES (id_hash, id_n0, id_n1, type_hash, type_string, id_extension, service, payload, (now() AT TIME ZONE 'utc'), 1)
        ON CONFLICT DO NOTHING;
    END IF;
    GET DIAGNOSTICS affected = ROW_COUNT;
    -- Unchanged version = nothing written = conflict, as the provider expects.
    RETURN QUERY SELECT CASE WHEN affected > 0 THEN coalesce(expected_version, 0) + 1 ELSE expected_version END;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    SELECT * FROM unitgrains_write_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);'),
('ReadFromStorageKey', '
    SELECT PayloadBinary, (now() AT TIME ZONE ''utc''), Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString AND ServiceId = @ServiceId
      AND coalesce(GrainIdExtensionString, '''') = coalesce(@GrainIdExtensionString, '''');'),
('ClearStorageKey', '
    UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString AND ServiceId = @ServiceId
      AND coalesce(GrainIdExtensionString, '''') = coalesce(@GrainIdExtensionString, '''')
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;'),
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString AND ServiceId = @ServiceId
      AND coalesce(GrainIdExtensionString, '''') = coalesce(@GrainIdExtensionString, '''')
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
