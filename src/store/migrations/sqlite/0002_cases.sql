-- 0002: categories, routing rules, the working calendar, property contracts,
-- cases with their append-only history, attachments and mediation records.

CREATE TABLE categories (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,       -- e.g. 'property.lift'
  parent_id          INTEGER REFERENCES categories(id),
  name_zh            TEXT NOT NULL,
  name_en            TEXT NOT NULL,
  pinyin             TEXT NOT NULL DEFAULT '',   -- initials for quick search, e.g. 'dt'
  icon               TEXT NOT NULL DEFAULT '',
  level              TEXT NOT NULL CHECK (level IN ('micro','small','big','beyond')),
  path               TEXT NOT NULL CHECK (path IN ('micro_grid','property_company','community',
                       'police','subdistrict','district')),
  needs_verification INTEGER NOT NULL DEFAULT 1,
  accept_hours       REAL NOT NULL DEFAULT 2,    -- working hours per stage
  dispatch_hours     REAL NOT NULL DEFAULT 2,
  resolve_hours      REAL NOT NULL DEFAULT 24,
  verify_hours       REAL NOT NULL DEFAULT 8,
  emergency_only     INTEGER NOT NULL DEFAULT 0,
  enabled            INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE routing_rules (
  id                         INTEGER PRIMARY KEY,
  priority                   INTEGER NOT NULL DEFAULT 0,
  category_id                INTEGER REFERENCES categories(id),
  level                      TEXT,
  community_id               INTEGER REFERENCES places(id),
  grid_id                    INTEGER REFERENCES grids(id),
  weekday_mask               INTEGER NOT NULL DEFAULT 0,
  hour_from                  INTEGER,
  hour_to                    INTEGER,
  requires_property_contract INTEGER NOT NULL DEFAULT 0,
  handler                    TEXT NOT NULL,
  organisation_id            INTEGER REFERENCES organisations(id),
  note                       TEXT NOT NULL DEFAULT '',
  enabled                    INTEGER NOT NULL DEFAULT 1
);

-- Holidays and make-up working days (调休); weekdays are working days otherwise.
CREATE TABLE calendar_days (
  day   TEXT PRIMARY KEY,              -- 'YYYY-MM-DD'
  kind  TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  note  TEXT NOT NULL DEFAULT ''
);

-- Which property company serves a compound (or a tower, mall, shop street).
CREATE TABLE property_contracts (
  place_id        INTEGER PRIMARY KEY REFERENCES places(id),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id)
);

CREATE TABLE cases (
  id                   INTEGER PRIMARY KEY,
  tracking_token       TEXT NOT NULL UNIQUE,
  channel              TEXT NOT NULL,
  category_id          INTEGER NOT NULL REFERENCES categories(id),
  level                TEXT NOT NULL,
  description          TEXT NOT NULL,
  place_id             INTEGER REFERENCES places(id),   -- unit, building, compound or place
  compound_id          INTEGER REFERENCES places(id),   -- for hot spots
  lng                  REAL,
  lat                  REAL,
  address_sealed       BLOB,                            -- a free address, encrypted
  grid_id              INTEGER REFERENCES grids(id),    -- the micro-grid (or grid) it lies in
  community_id         INTEGER REFERENCES places(id),
  reporter_person_id   INTEGER REFERENCES persons(id),
  reporter_name_sealed BLOB,
  reporter_phone_sealed BLOB,
  reporter_phone_index TEXT,
  on_behalf_of         INTEGER NOT NULL DEFAULT 0,
  anonymous            INTEGER NOT NULL DEFAULT 0,
  state                TEXT NOT NULL,
  handler              TEXT NOT NULL,
  handling_level       INTEGER NOT NULL,
  handler_org_id       INTEGER REFERENCES organisations(id),
  handler_person_id    INTEGER REFERENCES persons(id),
  routing_rule_id      INTEGER,
  routing_explanation  TEXT NOT NULL DEFAULT '',
  joint_with_community INTEGER NOT NULL DEFAULT 0,
  emergency            INTEGER NOT NULL DEFAULT 0,
  needs_verification   INTEGER NOT NULL DEFAULT 1,
  stage                TEXT,                            -- accept, dispatch, resolve, verify; NULL when none
  stage_started_at     INTEGER,
  stage_due_at         INTEGER,
  stage_warn_at        INTEGER,
  lapse_handled_at     INTEGER,                         -- the due time of the last auto-escalated lapse
  extension_pending    INTEGER NOT NULL DEFAULT 0,
  extension_hours      REAL,
  accept_due_at        INTEGER,
  responded_at         INTEGER,
  resolve_due_at       INTEGER,                         -- due time in force at first resolution
  first_resolved_at    INTEGER,
  resolved_at          INTEGER,
  resolver_person_id   INTEGER REFERENCES persons(id),
  settled_level        INTEGER,
  closed_at            INTEGER,
  rating               TEXT,
  rating_comment       TEXT NOT NULL DEFAULT '',
  reopen_count         INTEGER NOT NULL DEFAULT 0,
  escalation_count     INTEGER NOT NULL DEFAULT 0,
  review_at            INTEGER,
  merged_into          INTEGER REFERENCES cases(id),
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX cases_state_due ON cases(state, stage_due_at);
CREATE INDEX cases_grid_created ON cases(grid_id, created_at);
CREATE INDEX cases_community_created ON cases(community_id, created_at);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_place_category ON cases(place_id, category_id, state);
CREATE INDEX cases_handler_person ON cases(handler_person_id, state);
CREATE INDEX cases_reporter_phone ON cases(reporter_phone_index);

-- Append-only history: never updated or deleted.
CREATE TABLE case_events (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  at              INTEGER NOT NULL,
  action          TEXT NOT NULL,           -- report, accept, ..., or a workflow action
  from_state      TEXT,
  to_state        TEXT NOT NULL,
  actor_role      TEXT NOT NULL,
  actor_person_id INTEGER REFERENCES persons(id),
  note            TEXT NOT NULL DEFAULT '',
  data            TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  event_id      INTEGER REFERENCES case_events(id),
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  stored_name   TEXT NOT NULL,           -- file name under the attachments folder
  original_name TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);

-- Mediation of a dispute case: parties, mediator, sessions, agreement, follow-up.
CREATE TABLE mediations (
  case_id            INTEGER PRIMARY KEY REFERENCES cases(id),
  mediator_person_id INTEGER REFERENCES persons(id),
  parties            TEXT NOT NULL DEFAULT '[]',   -- [{"person_id": N|null, "label": "楼上邻居", "side": "..."}]
  agreement          TEXT NOT NULL DEFAULT '',
  signed_by          TEXT NOT NULL DEFAULT '[]',   -- indexes of parties who signed
  signed_at          INTEGER,
  follow_up_at       INTEGER,
  follow_up_note     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE mediation_sessions (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES mediations(case_id),
  at       INTEGER NOT NULL,
  place    TEXT NOT NULL,
  summary  TEXT NOT NULL
);
CREATE INDEX mediation_sessions_case ON mediation_sessions(case_id);
