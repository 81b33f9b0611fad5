-- UnitGrains schema for Orleans' ADO.NET providers on PostgreSQL (Orleans 10.4, invariant Npgsql).
-- The providers only ever run the statements stored in OrleansQuery, looked up by key; they read
-- result columns and bind parameters by name. Everything below keeps those names and is written
-- to be run again and again: tables IF NOT EXISTS, functions OR REPLACE, queries upserted.
-- PostgresSchema.ApplyAsync runs the four scripts in order under an advisory lock, so silos
-- starting together against an empty database do not race each other.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- Which version of these scripts a database holds (one row per script), for operators and upgrades.
CREATE TABLE IF NOT EXISTS UnitGrainsSchema
(
    Script    varchar(64) NOT NULL PRIMARY KEY,
    Version   varchar(32) NOT NULL,
    AppliedOn timestamptz NOT NULL DEFAULT now()
);
