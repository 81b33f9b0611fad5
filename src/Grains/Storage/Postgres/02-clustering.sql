-- Membership (clustering) for Orleans.Clustering.AdoNet. The version row of a deployment is
-- the table-wide optimistic lock of the extended membership protocol: every insert or update
-- of a silo row must bump it from the version the silo read, in the same transaction.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Returns 1 when the deployment's version row was created, 0 when it already existed.
CREATE OR REPLACE FUNCTION unitgrains_insert_membership_version(deployment varchar)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (deployment)
    ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS affected = ROW_COUNT;
    RETURN QUERY SELECT affected;
END $$;

-- Inserts a silo row only if the table version is still the one the silo read; 0 otherwise, and
-- then nothing is written (the exception rolls the insert back).
CREATE OR REPLACE FUNCTION unitgrains_insert_membership(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer,
    silo_name varchar, host_name varchar, status_arg integer, proxy_port integer,
    start_time timestamptz, i_am_alive timestamptz, expected_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    BEGIN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES (deployment, address_arg, port_arg, generation_arg, silo_name, host_name, status_arg, proxy_port, start_time, i_am_alive)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN RAISE EXCEPTION USING ERRCODE = 'UG001'; END IF;
        UPDATE OrleansMembershipVersionTable SET Timestamp = now(), Version = Version + 1
        WHERE DeploymentId = deployment AND Version = expected_version;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN RAISE EXCEPTION USING ERRCODE = 'UG001'; END IF;
        RETURN QUERY SELECT 1;
    EXCEPTION WHEN SQLSTATE 'UG001' THEN
        RETURN QUERY SELECT 0;
    END;
END $$;

-- Updates a silo row (status, suspicions) only if the table version is still the one read.
CREATE OR REPLACE FUNCTION unitgrains_update_membership(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer,
    status_arg integer, suspect_times varchar, i_am_alive timestamptz, expected_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable SET Timestamp = now(), Version = Version + 1
        WHERE DeploymentId = deployment AND Version = expected_version;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN RAISE EXCEPTION USING ERRCODE = 'UG001'; END IF;
        UPDATE OrleansMembershipTable
        SET Status = status_arg, SuspectTimes = suspect_times, IAmAliveTime = i_am_alive
        WHERE DeploymentId = deployment AND Address = address_arg AND Port = port_arg AND Generation = generation_arg;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN RAISE EXCEPTION USING ERRCODE = 'UG001'; END IF;
        RETURN QUERY SELECT 1;
    EXCEPTION WHEN SQLSTATE 'UG001' THEN
        RETURN QUERY SELECT 0;
    END;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
('InsertMembershipVersionKey', '
    SELECT * FROM unitgrains_insert_membership_version(@DeploymentId);'),
('InsertMembershipKey', '
    SELECT * FROM unitgrains_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName,
        @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
    SELECT * FROM unitgrains_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status,
        @SuspectTimes, @IAmAliveTime, @Version);'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
        AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
-- Status 3 is Active: a live silo that stopped updating IAmAliveTime is left for the protocol to declare dead.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status != 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
