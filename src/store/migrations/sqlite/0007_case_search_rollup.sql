-- 0007: full-text search over case descriptions, and the incremental rollup
-- behind the dashboard's never-leave and hotline rates. Both are kept in sync
-- by triggers, so every writer (the API, the CLI, the generators, a manual
-- UPDATE) keeps them right; both are filled from the cases already present.

-- Trigram index: finds any substring of 3 or more characters (Chinese
-- included), case-insensitively. External content: the text lives in cases.
CREATE VIRTUAL TABLE cases_fts USING fts5(description, content='cases', content_rowid='id',
  tokenize='trigram');
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts(rowid, description) VALUES (new.id, new.description);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, description) VALUES ('delete', old.id, old.description);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF description ON cases
  WHEN old.description IS NOT new.description BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, description) VALUES ('delete', old.id, old.description);
  INSERT INTO cases_fts(rowid, description) VALUES (new.id, new.description);
END;
INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');

-- Counts per local day of creation (UTC+8) at three levels: tier 0 the whole
-- database (grid_id = community_id = 0), tier 1 a community (grid_id = 0),
-- tier 2 a grid (the case's own grid, with its community). NULL ids count as 0.
-- Each counter is what domain/case_metrics.h defines, merged cases excluded:
--   total, open, finished; settled_micro/community/subdistrict: finished and
--   settled at that level or below (no level counts as beyond); responded:
--   taken in by the accept deadline; resolved, resolved_on_time; rated, satisfied.
CREATE TABLE case_rollup (
  tier          INTEGER NOT NULL,
  grid_id       INTEGER NOT NULL,
  community_id  INTEGER NOT NULL,
  day           INTEGER NOT NULL,   -- days since 1970-01-01, local
  total         INTEGER NOT NULL DEFAULT 0,
  open          INTEGER NOT NULL DEFAULT 0,
  finished      INTEGER NOT NULL DEFAULT 0,
  settled_micro INTEGER NOT NULL DEFAULT 0,
  settled_community INTEGER NOT NULL DEFAULT 0,
  settled_subdistrict INTEGER NOT NULL DEFAULT 0,
  responded     INTEGER NOT NULL DEFAULT 0,
  resolved      INTEGER NOT NULL DEFAULT 0,
  resolved_on_time INTEGER NOT NULL DEFAULT 0,
  rated         INTEGER NOT NULL DEFAULT 0,
  satisfied     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tier, grid_id, community_id, day)
) WITHOUT ROWID;
-- Readers name tier, grid_id (0 above tier 2) and community_id (0 at tier 0)
-- so a day range is one seek on the key.

-- The staff inbox: a scope's grids, open states, newest first.
CREATE INDEX cases_grid_state_created ON cases(grid_id, state, created_at);

-- One case's contribution, signed (+1 in, -1 out), goes in through this
-- feed: its trigger adds the counters to the case's three rollup rows and
-- RAISE(IGNORE) keeps the row itself out, so the feed stays empty. The
-- counters are written once, here.
CREATE TABLE case_rollup_feed (
  sign INTEGER NOT NULL, grid_id INTEGER, community_id INTEGER, created_at INTEGER NOT NULL,
  state TEXT NOT NULL, settled_level INTEGER, responded_at INTEGER, accept_due_at INTEGER,
  first_resolved_at INTEGER, resolve_due_at INTEGER, rating TEXT
);
CREATE TRIGGER case_rollup_feed_add BEFORE INSERT ON case_rollup_feed BEGIN
  INSERT INTO case_rollup (tier, grid_id, community_id, day, total, open, finished, settled_micro,
    settled_community, settled_subdistrict, responded, resolved, resolved_on_time, rated, satisfied)
  SELECT t.tier, CASE WHEN t.tier = 2 THEN coalesce(new.grid_id, 0) ELSE 0 END,
    CASE WHEN t.tier >= 1 THEN coalesce(new.community_id, 0) ELSE 0 END,
    (new.created_at + 28800) / 86400,
    k.m, k.m * (new.state NOT IN ('rejected','closed','rated')), k.f,
    k.f * (coalesce(new.settled_level, 4) <= 1), k.f * (coalesce(new.settled_level, 4) <= 2),
    k.f * (coalesce(new.settled_level, 4) <= 3),
    k.m * coalesce(new.responded_at <= new.accept_due_at, 0),
    k.m * (new.first_resolved_at IS NOT NULL),
    k.m * coalesce(new.first_resolved_at <= new.resolve_due_at, 0),
    k.m * (new.rating IS NOT NULL),
    k.m * coalesce(new.rating <> 'unsatisfied', 0)
  FROM (SELECT 0 AS tier UNION ALL SELECT 1 UNION ALL SELECT 2) t,
    (SELECT new.sign * (new.state <> 'merged') AS m, new.sign * (new.state IN ('closed','rated')) AS f) k
  WHERE true
  ON CONFLICT (tier, grid_id, community_id, day) DO UPDATE SET
    total = total + excluded.total, open = open + excluded.open, finished = finished + excluded.finished,
    settled_micro = settled_micro + excluded.settled_micro,
    settled_community = settled_community + excluded.settled_community,
    settled_subdistrict = settled_subdistrict + excluded.settled_subdistrict,
    responded = responded + excluded.responded, resolved = resolved + excluded.resolved,
    resolved_on_time = resolved_on_time + excluded.resolved_on_time, rated = rated + excluded.rated,
    satisfied = satisfied + excluded.satisfied;
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER case_rollup_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_rollup_feed VALUES (1, new.grid_id, new.community_id, new.created_at, new.state,
    new.settled_level, new.responded_at, new.accept_due_at, new.first_resolved_at, new.resolve_due_at, new.rating);
END;
CREATE TRIGGER case_rollup_delete AFTER DELETE ON cases BEGIN
  INSERT INTO case_rollup_feed VALUES (-1, old.grid_id, old.community_id, old.created_at, old.state,
    old.settled_level, old.responded_at, old.accept_due_at, old.first_resolved_at, old.resolve_due_at, old.rating);
END;
-- An update takes the old row out and puts the new one in, only when a
-- column the counters read has changed.
CREATE TRIGGER case_rollup_update AFTER UPDATE ON cases
  WHEN old.state IS NOT new.state OR old.settled_level IS NOT new.settled_level
    OR old.responded_at IS NOT new.responded_at OR old.accept_due_at IS NOT new.accept_due_at
    OR old.first_resolved_at IS NOT new.first_resolved_at OR old.resolve_due_at IS NOT new.resolve_due_at
    OR old.rating IS NOT new.rating OR old.created_at IS NOT new.created_at
    OR old.grid_id IS NOT new.grid_id OR old.community_id IS NOT new.community_id BEGIN
  INSERT INTO case_rollup_feed VALUES (-1, old.grid_id, old.community_id, old.created_at, old.state,
    old.settled_level, old.responded_at, old.accept_due_at, old.first_resolved_at, old.resolve_due_at, old.rating);
  INSERT INTO case_rollup_feed VALUES (1, new.grid_id, new.community_id, new.created_at, new.state,
    new.settled_level, new.responded_at, new.accept_due_at, new.first_resolved_at, new.resolve_due_at, new.rating);
END;

-- The cases already present.
INSERT INTO case_rollup_feed SELECT 1, grid_id, community_id, created_at, state, settled_level, responded_at,
  accept_due_at, first_resolved_at, resolve_due_at, rating FROM cases ORDER BY id;
