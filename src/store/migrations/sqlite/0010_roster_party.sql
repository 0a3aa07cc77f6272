-- 0010: forming the teams of an emergency reads no person row. Declaring for
-- a whole city (7.8 million households, ~720,000 team members) read a
-- 19-million-row persons table at random twice: joined for one column
-- (party_member) and again to check each member's and leader's foreign key.
-- Cold, that was ~27 s of a 49 s declaration (bench/results.md, "Declaring an
-- emergency"; docs/decisions.md, "Teams read the roster, not the persons").
--
-- 1. The roster row carries its person's party membership, kept by triggers.
ALTER TABLE assignments ADD COLUMN party_member INTEGER NOT NULL DEFAULT 0;
UPDATE assignments SET party_member = (SELECT p.party_member FROM persons p WHERE p.id = assignments.person_id);

CREATE TRIGGER assignments_party_insert AFTER INSERT ON assignments BEGIN
  UPDATE assignments SET party_member = (SELECT p.party_member FROM persons p WHERE p.id = new.person_id)
    WHERE id = new.id;
END;
CREATE TRIGGER assignments_party_person AFTER UPDATE OF person_id ON assignments
  WHEN old.person_id IS NOT new.person_id BEGIN
  UPDATE assignments SET party_member = (SELECT p.party_member FROM persons p WHERE p.id = new.person_id)
    WHERE id = new.id;
END;
CREATE TRIGGER persons_party_roster AFTER UPDATE OF party_member ON persons
  WHEN old.party_member IS NOT new.party_member BEGIN
  UPDATE assignments SET party_member = new.party_member WHERE person_id = new.id;
END;

-- 2. Team members and leaders name their person without a foreign key to
-- persons: a member formed at declaration comes from an assignment (whose
-- person is checked by its own key), one added by staff is checked by the
-- service, and a leader must be a member. A person on a team cannot be
-- deleted (trigger below), which is what the key guarded against.
-- Rebuilt through copies so that no row ever names a dropped table.
CREATE TEMP TABLE teams_copy AS SELECT * FROM emergency_teams;
CREATE TEMP TABLE members_copy AS SELECT * FROM emergency_members;
DROP TABLE emergency_members;
DROP TABLE emergency_teams;

CREATE TABLE emergency_teams (
  id                INTEGER PRIMARY KEY,
  emergency_id      INTEGER NOT NULL REFERENCES emergencies(id),
  kind              TEXT NOT NULL CHECK (kind IN ('task_force', 'building_team')),
  place_id          INTEGER NOT NULL REFERENCES places(id),    -- compound or building
  compound_id       INTEGER NOT NULL REFERENCES places(id),
  leader_person_id  INTEGER,                                   -- a member of the team
  borrowed          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (emergency_id, place_id)
);
INSERT INTO emergency_teams SELECT id, emergency_id, kind, place_id, compound_id, leader_person_id, borrowed
  FROM teams_copy;

CREATE TABLE emergency_members (
  id              INTEGER PRIMARY KEY,
  team_id         INTEGER NOT NULL REFERENCES emergency_teams(id),
  emergency_id    INTEGER NOT NULL REFERENCES emergencies(id),
  person_id       INTEGER NOT NULL,                         -- see above
  assignment_id   INTEGER REFERENCES assignments(id),
  peacetime_role  TEXT NOT NULL DEFAULT '',
  emergency_role  TEXT NOT NULL CHECK (emergency_role IN ('responder', 'screener', 'errand_runner')),
  added_by        TEXT NOT NULL DEFAULT 'auto',   -- 'auto' at declaration, else the staff member's username
  UNIQUE (team_id, person_id)
);
INSERT INTO emergency_members SELECT id, team_id, emergency_id, person_id, assignment_id, peacetime_role,
  emergency_role, added_by FROM members_copy;
CREATE INDEX emergency_members_person ON emergency_members(person_id, emergency_id);
DROP TABLE teams_copy;
DROP TABLE members_copy;

CREATE TRIGGER persons_on_team_delete BEFORE DELETE ON persons
  WHEN EXISTS (SELECT 1 FROM emergency_members WHERE person_id = old.id) BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the person is on an emergency team');
END;
