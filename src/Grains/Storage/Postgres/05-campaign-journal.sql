-- A unit's campaigns, journaled (CampaignJournalStorage). Rewriting a unit's whole campaigns row
-- (~17 KB for 64 tasks) on every task completion held durable events near 2,600/s; here an event
-- appends what it changed (~300 bytes) and moves the unit's head, many units in one statement and
-- one commit, and the whole campaigns are written again only when the journal outgrows them.
--
-- unitgrains_campaigns: one row per unit. position is the ETag: every write names the position it
-- read and moves it on by one, so a stale writer (a second activation) matches no row. The
-- snapshot holds the campaigns as of snapshot_position; NULL is a cleared state, whose row stays so
-- that positions never repeat (an ETag from before a clear never matches a later write).
CREATE TABLE IF NOT EXISTS unitgrains_campaigns
(
    grain             text        NOT NULL PRIMARY KEY,
    position          bigint      NOT NULL,
    snapshot_position bigint      NOT NULL,
    snapshot          bytea       NULL,
    modified          timestamptz NOT NULL DEFAULT now()
);

-- The deltas written since each unit's snapshot, positions snapshot_position + 1 .. position.
CREATE TABLE IF NOT EXISTS unitgrains_campaign_journal
(
    grain    text   NOT NULL,
    position bigint NOT NULL,
    delta    bytea  NOT NULL,
    CONSTRAINT unitgrains_campaign_journal_key PRIMARY KEY (grain, position)
);

-- Every append moves a unit's head, which copies its row. A ~15 KB snapshot compresses to ~1.3 KB
-- and would stay inline (PostgreSQL moves values out only past ~2 KB rows), copied with it each
-- time; past 128 bytes it goes to the TOAST table, and an append copies a row of ~80 bytes.
ALTER TABLE unitgrains_campaigns SET (toast_tuple_target = 128);
