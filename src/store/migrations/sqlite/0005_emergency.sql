-- 0005: peacetime and emergency (平战转换): emergencies over a set of compounds,
-- teams formed from the roster, screening rounds with one task per household,
-- errands, emergency categories and cases.

-- A micro-grid worker's peacetime duty (宣传员 / 信息员 / 服务员); '' when none.
ALTER TABLE assignments ADD COLUMN duty TEXT NOT NULL DEFAULT ''
  CHECK (duty IN ('', 'publicist', 'informant', 'helper'));

-- Peacetime role (a duty or a grid role) -> emergency role. Editable.
CREATE TABLE emergency_role_map (
  peacetime  TEXT PRIMARY KEY,
  emergency  TEXT NOT NULL CHECK (emergency IN ('responder', 'screener', 'errand_runner'))
);
INSERT INTO emergency_role_map (peacetime, emergency) VALUES
  ('publicist', 'responder'), ('informant', 'screener'), ('helper', 'errand_runner'),
  ('micro_grid_head', 'responder'), ('micro_grid_worker', 'screener'), ('volunteer', 'errand_runner'),
  ('grid_worker', 'responder'), ('property_staff', 'responder'), ('police', 'responder');

CREATE TABLE emergencies (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('epidemic', 'flood', 'fire', 'earthquake', 'other')),
  level            INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),   -- 1 = most serious (I级)
  scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('subdistrict', 'community', 'grid', 'compounds')),
  scope_ids        TEXT NOT NULL,            -- JSON array of the ids as declared
  deadline_factor  REAL NOT NULL DEFAULT 0.5 CHECK (deadline_factor > 0 AND deadline_factor <= 1),
  errand_hours     REAL NOT NULL DEFAULT 4 CHECK (errand_hours > 0),
  note             TEXT NOT NULL DEFAULT '',
  started_at       INTEGER NOT NULL,
  declared_at      INTEGER NOT NULL,
  declared_by      TEXT NOT NULL DEFAULT '',
  ended_at         INTEGER,
  ended_by         TEXT NOT NULL DEFAULT '',
  end_note         TEXT NOT NULL DEFAULT ''
);

-- The compounds (and non-residential places) an emergency covers.
CREATE TABLE emergency_places (
  emergency_id  INTEGER NOT NULL REFERENCES emergencies(id),
  place_id      INTEGER NOT NULL REFERENCES places(id),
  PRIMARY KEY (emergency_id, place_id)
);
CREATE INDEX emergency_places_place ON emergency_places(place_id);

CREATE TABLE emergency_teams (
  id                INTEGER PRIMARY KEY,
  emergency_id      INTEGER NOT NULL REFERENCES emergencies(id),
  kind              TEXT NOT NULL CHECK (kind IN ('task_force', 'building_team')),
  place_id          INTEGER NOT NULL REFERENCES places(id),    -- compound or building
  compound_id       INTEGER NOT NULL REFERENCES places(id),
  leader_person_id  INTEGER REFERENCES persons(id),
  borrowed          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (emergency_id, place_id)
);

CREATE TABLE emergency_members (
  id              INTEGER PRIMARY KEY,
  team_id         INTEGER NOT NULL REFERENCES emergency_teams(id),
  emergency_id    INTEGER NOT NULL REFERENCES emergencies(id),
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  assignment_id   INTEGER REFERENCES assignments(id),
  peacetime_role  TEXT NOT NULL DEFAULT '',
  emergency_role  TEXT NOT NULL CHECK (emergency_role IN ('responder', 'screener', 'errand_runner')),
  added_by        TEXT NOT NULL DEFAULT 'auto',   -- 'auto' at declaration, else the staff member's username
  UNIQUE (team_id, person_id)
);
CREATE INDEX emergency_members_person ON emergency_members(person_id, emergency_id);

-- Screening campaigns: rounds, each with free fields ([{key, label, type, options}]).
CREATE TABLE screening_rounds (
  id            INTEGER PRIMARY KEY,
  emergency_id  INTEGER NOT NULL REFERENCES emergencies(id),
  round         INTEGER NOT NULL,
  fields        TEXT NOT NULL DEFAULT '[]',
  started_at    INTEGER NOT NULL,
  closed_at     INTEGER,
  households    INTEGER NOT NULL DEFAULT 0,
  full_coverage_at INTEGER,                   -- when the last household was covered
  UNIQUE (emergency_id, round)
);

-- One task per household per round.
CREATE TABLE screening_tasks (
  id            INTEGER PRIMARY KEY,
  round_id      INTEGER NOT NULL REFERENCES screening_rounds(id),
  household_id  INTEGER NOT NULL REFERENCES places(id),
  building_id   INTEGER NOT NULL,
  compound_id   INTEGER NOT NULL,
  grid_id       INTEGER,                      -- the household's micro-grid
  team_id       INTEGER,
  outcome       TEXT NOT NULL DEFAULT 'pending'
                CHECK (outcome IN ('pending', 'reached', 'not_at_home', 'refused', 'needs_help')),
  data          TEXT NOT NULL DEFAULT '{}',
  restricted    INTEGER NOT NULL DEFAULT 0,   -- under home restriction: may request errands
  note          TEXT NOT NULL DEFAULT '',
  attempts      INTEGER NOT NULL DEFAULT 0,
  screened_by   INTEGER,
  screened_at   INTEGER,
  covered_at    INTEGER,
  UNIQUE (round_id, household_id)
);
CREATE INDEX screening_tasks_building ON screening_tasks(round_id, building_id);

CREATE TABLE errands (
  id                 INTEGER PRIMARY KEY,
  emergency_id       INTEGER NOT NULL REFERENCES emergencies(id),
  household_id       INTEGER NOT NULL REFERENCES places(id),
  building_id        INTEGER NOT NULL,
  team_id            INTEGER,
  kind               TEXT NOT NULL CHECK (kind IN ('medicine', 'groceries', 'paperwork', 'medical_visit', 'other')),
  details            TEXT NOT NULL DEFAULT '',
  state              TEXT NOT NULL DEFAULT 'requested'
                     CHECK (state IN ('requested', 'accepted', 'done', 'confirmed', 'cancelled')),
  requested_by       TEXT NOT NULL DEFAULT '',
  requested_at       INTEGER NOT NULL,
  due_at             INTEGER NOT NULL,
  runner_person_id   INTEGER REFERENCES persons(id),
  accepted_at        INTEGER,
  done_at            INTEGER,
  confirmed_at       INTEGER,
  cancelled_at       INTEGER,
  note               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX errands_emergency_state ON errands(emergency_id, state);
CREATE INDEX errands_team ON errands(team_id, state);

-- Cases filed while an emergency covers their place.
ALTER TABLE cases ADD COLUMN emergency_id INTEGER REFERENCES emergencies(id);
CREATE INDEX cases_emergency ON cases(emergency_id) WHERE emergency_id IS NOT NULL;

-- Emergency categories: enabled only where an emergency is active.
INSERT INTO categories (id, code, parent_id, name_zh, name_en, pinyin, icon, level, path, needs_verification,
                        accept_hours, dispatch_hours, resolve_hours, verify_hours, emergency_only) VALUES
 (11,   'emergency',                NULL, '应急处置', 'Emergency response',         'yjcz', 'alarm',    'small', 'community',  1, 1, 1, 8, 4, 1),
 (1101, 'emergency.symptoms',       11,   '发热症状', 'Fever or symptoms',          'frzz', 'thermo',   'small', 'community',  1, 1, 1, 4, 4, 1),
 (1102, 'emergency.supplies',       11,   '生活物资', 'Daily supplies shortage',    'shwz', 'basket',   'micro', 'micro_grid', 1, 1, 1, 8, 4, 1),
 (1103, 'emergency.medical',        11,   '就医需求', 'Medical needs',              'jyxq', 'medical',  'small', 'community',  1, 1, 1, 4, 4, 1),
 (1104, 'emergency.hazard',         11,   '险情报告', 'Hazard (flood, fire, damage)', 'xqbg', 'warning', 'big',   'subdistrict', 1, 1, 1, 4, 4, 1);
