-- 0012: the dashboard's rollup by month beside the rollup by day.
-- The rates over a year summed 365 day rows per community (11 columns each):
-- about half of a dashboard request's server CPU at the city tier. A month
-- row per tier, grid and community holds the same counters for a local
-- calendar month, so a year is read as up to 12 whole months plus the days
-- before and after them (domain/work_calendar.h, cut_by_month;
-- docs/decisions.md, "The rollup by month"). Both are kept by the one feed
-- trigger of 0007, which now adds each case's contribution to its day and
-- to its month.
CREATE TABLE case_rollup_month (
  tier          INTEGER NOT NULL,
  grid_id       INTEGER NOT NULL,
  community_id  INTEGER NOT NULL,
  month         INTEGER NOT NULL,   -- local year * 12 + month - 1
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
  PRIMARY KEY (tier, grid_id, community_id, month)
) WITHOUT ROWID;

-- Filled from the day rows (a day number is a local date).
INSERT INTO case_rollup_month
  SELECT tier, grid_id, community_id,
    CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12
      + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS m,
    sum(total), sum(open), sum(finished), sum(settled_micro), sum(settled_community),
    sum(settled_subdistrict), sum(responded), sum(resolved), sum(resolved_on_time), sum(rated), sum(satisfied)
  FROM case_rollup GROUP BY tier, grid_id, community_id, m;

DROP TRIGGER case_rollup_feed_add;
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
  INSERT INTO case_rollup_month (tier, grid_id, community_id, month, total, open, finished, settled_micro,
    settled_community, settled_subdistrict, responded, resolved, resolved_on_time, rated, satisfied)
  SELECT t.tier, CASE WHEN t.tier = 2 THEN coalesce(new.grid_id, 0) ELSE 0 END,
    CASE WHEN t.tier >= 1 THEN coalesce(new.community_id, 0) ELSE 0 END,
    k.month,
    k.m, k.m * (new.state NOT IN ('rejected','closed','rated')), k.f,
    k.f * (coalesce(new.settled_level, 4) <= 1), k.f * (coalesce(new.settled_level, 4) <= 2),
    k.f * (coalesce(new.settled_level, 4) <= 3),
    k.m * coalesce(new.responded_at <= new.accept_due_at, 0),
    k.m * (new.first_resolved_at IS NOT NULL),
    k.m * coalesce(new.first_resolved_at <= new.resolve_due_at, 0),
    k.m * (new.rating IS NOT NULL),
    k.m * coalesce(new.rating <> 'unsatisfied', 0)
  FROM (SELECT 0 AS tier UNION ALL SELECT 1 UNION ALL SELECT 2) t,
    (SELECT new.sign * (new.state <> 'merged') AS m, new.sign * (new.state IN ('closed','rated')) AS f,
       CAST(strftime('%Y', new.created_at + 28800, 'unixepoch') AS INTEGER) * 12
         + CAST(strftime('%m', new.created_at + 28800, 'unixepoch') AS INTEGER) - 1 AS month) k
  WHERE true
  ON CONFLICT (tier, grid_id, community_id, month) DO UPDATE SET
    total = total + excluded.total, open = open + excluded.open, finished = finished + excluded.finished,
    settled_micro = settled_micro + excluded.settled_micro,
    settled_community = settled_community + excluded.settled_community,
    settled_subdistrict = settled_subdistrict + excluded.settled_subdistrict,
    responded = responded + excluded.responded, resolved = resolved + excluded.resolved,
    resolved_on_time = resolved_on_time + excluded.resolved_on_time, rated = rated + excluded.rated,
    satisfied = satisfied + excluded.satisfied;
  SELECT RAISE(IGNORE);
END;
