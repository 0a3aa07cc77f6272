-- 0009: new cases reach the trigram index once per write transaction, not
-- once per row. FTS5 writes its pending terms to disk at every statement and
-- savepoint that touches it, so a per-row trigger cost each intake a segment
-- write (about 40% of an insert's CPU time, bench/README.md). New cases are
-- queued here instead and indexed in one statement by
-- store::index_pending_cases() before the writer commits; searches also scan
-- the queue, so they stay exact whoever wrote the case.
CREATE TABLE cases_fts_pending (case_id INTEGER PRIMARY KEY);

DROP TRIGGER cases_fts_insert;
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts_pending (case_id) VALUES (new.id);
END;

-- A queued case is not in the index yet: a changed description or a delete
-- only touches the index for cases already in it.
DROP TRIGGER cases_fts_delete;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, description) SELECT 'delete', old.id, old.description
    WHERE NOT EXISTS (SELECT 1 FROM cases_fts_pending WHERE case_id = old.id);
  DELETE FROM cases_fts_pending WHERE case_id = old.id;
END;
DROP TRIGGER cases_fts_update;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF description ON cases
  WHEN old.description IS NOT new.description
    AND NOT EXISTS (SELECT 1 FROM cases_fts_pending WHERE case_id = new.id) BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, description) VALUES ('delete', old.id, old.description);
  INSERT INTO cases_fts(rowid, description) VALUES (new.id, new.description);
END;
