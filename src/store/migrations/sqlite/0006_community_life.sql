-- 0006: community life: patrols, three-links visits and care tags,
-- deliberation (topics, meetings, votes, implementation steps, joint-meeting
-- decisions), residents' conventions, notices and publicity campaigns.
-- Times are seconds since the epoch (UTC); grid_id on each subject is the
-- grid its data scope is decided by.

-- ---- patrols ----

CREATE TABLE patrol_plans (
  id          INTEGER PRIMARY KEY,
  grid_id     INTEGER NOT NULL REFERENCES grids(id),
  name        TEXT NOT NULL,
  frequency   TEXT NOT NULL CHECK (frequency IN ('weekly','monthly','quarterly')),
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);
CREATE INDEX patrol_plans_grid ON patrol_plans(grid_id);

-- The route: places in walking order.
CREATE TABLE patrol_plan_places (
  plan_id   INTEGER NOT NULL REFERENCES patrol_plans(id),
  ordinal   INTEGER NOT NULL,
  place_id  INTEGER NOT NULL REFERENCES places(id),
  PRIMARY KEY (plan_id, ordinal)
);

CREATE TABLE patrol_plan_participants (
  plan_id    INTEGER NOT NULL REFERENCES patrol_plans(id),
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  kind       TEXT NOT NULL,
  PRIMARY KEY (plan_id, person_id)
);

CREATE TABLE patrols (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER REFERENCES patrol_plans(id),
  grid_id      INTEGER NOT NULL REFERENCES grids(id),
  started_at   INTEGER NOT NULL,
  ended_at     INTEGER,
  summary      TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER REFERENCES persons(id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX patrols_grid_started ON patrols(grid_id, started_at);
CREATE INDEX patrols_plan ON patrols(plan_id, started_at);

CREATE TABLE patrol_participants (
  patrol_id  INTEGER NOT NULL REFERENCES patrols(id),
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  kind       TEXT NOT NULL,
  PRIMARY KEY (patrol_id, person_id)
);

CREATE TABLE patrol_checkins (
  id         INTEGER PRIMARY KEY,
  patrol_id  INTEGER NOT NULL REFERENCES patrols(id),
  place_id   INTEGER NOT NULL REFERENCES places(id),
  at         INTEGER NOT NULL,
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patrol_checkins_patrol ON patrol_checkins(patrol_id);
CREATE INDEX patrol_checkins_place ON patrol_checkins(place_id, at);

-- What a patrol saw; it becomes a case or a suggestion with one action.
CREATE TABLE patrol_observations (
  id          INTEGER PRIMARY KEY,
  patrol_id   INTEGER NOT NULL REFERENCES patrols(id),
  place_id    INTEGER REFERENCES places(id),
  text        TEXT NOT NULL,
  suggestion  TEXT NOT NULL DEFAULT '',
  outcome     TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open','case','suggestion')),
  case_id     INTEGER REFERENCES cases(id),
  decided_at  INTEGER,
  created_at  INTEGER NOT NULL
);
CREATE INDEX patrol_observations_patrol ON patrol_observations(patrol_id);

-- ---- publicity ----

CREATE TABLE campaigns (
  id            INTEGER PRIMARY KEY,
  theme         TEXT NOT NULL CHECK (theme IN ('civilised_dog_keeping','fire_safety','fraud_prevention')),
  title         TEXT NOT NULL,
  grid_id       INTEGER NOT NULL REFERENCES grids(id),
  starts_at     INTEGER,
  ends_at       INTEGER,
  note          TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX campaigns_grid ON campaigns(grid_id);

-- The cases that prompted a campaign.
CREATE TABLE campaign_cases (
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  PRIMARY KEY (campaign_id, case_id)
);

-- ---- three-links visits and care ----

CREATE TABLE visits (
  id                 INTEGER PRIMARY KEY,
  household_id       INTEGER NOT NULL REFERENCES places(id),
  grid_id            INTEGER REFERENCES grids(id),
  visitor_person_id  INTEGER NOT NULL REFERENCES persons(id),
  link_id            INTEGER REFERENCES links(id),
  at                 INTEGER NOT NULL,
  form               TEXT NOT NULL CHECK (form IN ('door_to_door','courtyard_meeting','chat_group')),
  learnt             TEXT NOT NULL DEFAULT '',
  follow_up_case_id  INTEGER REFERENCES cases(id),
  campaign_id        INTEGER REFERENCES campaigns(id),
  created_at         INTEGER NOT NULL
);
CREATE INDEX visits_household ON visits(household_id, at);
CREATE INDEX visits_grid ON visits(grid_id, at);
CREATE INDEX visits_campaign ON visits(campaign_id);

CREATE TABLE household_care (
  household_id      INTEGER NOT NULL REFERENCES places(id),
  tag               TEXT NOT NULL CHECK (tag IN ('elderly_alone','disabled','low_income')),
  visit_every_days  INTEGER NOT NULL CHECK (visit_every_days BETWEEN 1 AND 366),
  since             INTEGER NOT NULL,
  note              TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (household_id, tag)
);

-- ---- deliberation ----

CREATE TABLE topics (
  id                     INTEGER PRIMARY KEY,
  grid_id                INTEGER NOT NULL REFERENCES grids(id),
  community_id           INTEGER REFERENCES places(id),
  title                  TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  source                 TEXT NOT NULL CHECK (source IN ('resident','micro_grid_worker','staff','case','patrol_suggestion')),
  source_case_id         INTEGER REFERENCES cases(id),
  source_observation_id  INTEGER REFERENCES patrol_observations(id),
  raised_by_person_id    INTEGER REFERENCES persons(id),
  raised_by_household_id INTEGER REFERENCES places(id),
  state                  TEXT NOT NULL,
  quorum_percent         INTEGER NOT NULL DEFAULT 50 CHECK (quorum_percent BETWEEN 1 AND 100),
  majority               TEXT NOT NULL DEFAULT 'more_than_half'
                           CHECK (majority IN ('more_than_half','two_thirds','three_quarters')),
  eligible_households    INTEGER NOT NULL DEFAULT 0,
  result                 TEXT NOT NULL DEFAULT '',
  decided_at             INTEGER,
  published_at           INTEGER,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
);
CREATE INDEX topics_grid ON topics(grid_id, state);

-- Append-only history of a topic's transitions.
CREATE TABLE topic_events (
  id              INTEGER PRIMARY KEY,
  topic_id        INTEGER NOT NULL REFERENCES topics(id),
  at              INTEGER NOT NULL,
  action          TEXT NOT NULL,
  from_state      TEXT,
  to_state        TEXT NOT NULL,
  actor_role      TEXT NOT NULL,
  actor_person_id INTEGER REFERENCES persons(id),
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX topic_events_topic ON topic_events(topic_id, id);
CREATE TRIGGER topic_events_no_update BEFORE UPDATE ON topic_events
  BEGIN SELECT RAISE(ABORT, 'topic history is append-only'); END;
CREATE TRIGGER topic_events_no_delete BEFORE DELETE ON topic_events
  BEGIN SELECT RAISE(ABORT, 'topic history is append-only'); END;

-- Opinions on a topic, and comments on a convention version's sections
-- (subject 'topic' or 'convention_version'; section_key only for the latter).
CREATE TABLE comments (
  id               INTEGER PRIMARY KEY,
  subject          TEXT NOT NULL CHECK (subject IN ('topic','convention_version')),
  subject_id       INTEGER NOT NULL,
  section_key      TEXT NOT NULL DEFAULT '',
  author_kind      TEXT NOT NULL CHECK (author_kind IN ('resident','tenant','volunteer','property_company','staff')),
  person_id        INTEGER REFERENCES persons(id),
  household_id     INTEGER REFERENCES places(id),
  organisation_id  INTEGER REFERENCES organisations(id),
  text             TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX comments_subject ON comments(subject, subject_id, id);

-- One vote per household per subject.
CREATE TABLE votes (
  id            INTEGER PRIMARY KEY,
  subject       TEXT NOT NULL CHECK (subject IN ('topic','convention_version')),
  subject_id    INTEGER NOT NULL,
  household_id  INTEGER NOT NULL REFERENCES places(id),
  person_id     INTEGER REFERENCES persons(id),
  ballot        TEXT NOT NULL CHECK (ballot IN ('for','against','abstain')),
  cast_at       INTEGER NOT NULL,
  UNIQUE (subject, subject_id, household_id)
);

-- Courtyard meetings and the community-property joint meetings in the Red Harbour.
CREATE TABLE meetings (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('courtyard_meeting','joint_meeting')),
  grid_id         INTEGER NOT NULL REFERENCES grids(id),
  topic_id        INTEGER REFERENCES topics(id),
  place           TEXT NOT NULL DEFAULT '',
  held_at         INTEGER NOT NULL,
  attendees       TEXT NOT NULL DEFAULT '[]',   -- [{"label", "person_id", "organisation_id"}]
  minutes         TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
);
CREATE INDEX meetings_topic ON meetings(topic_id);
CREATE INDEX meetings_grid ON meetings(grid_id, held_at);

-- What a meeting decided, with an owner (a person or an organisation) and a due date.
CREATE TABLE meeting_decisions (
  id                     INTEGER PRIMARY KEY,
  meeting_id             INTEGER NOT NULL REFERENCES meetings(id),
  text                   TEXT NOT NULL,
  owner_person_id        INTEGER REFERENCES persons(id),
  owner_organisation_id  INTEGER REFERENCES organisations(id),
  due_at                 INTEGER NOT NULL,
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
  done_at                INTEGER,
  done_note              TEXT NOT NULL DEFAULT '',
  created_at             INTEGER NOT NULL,
  CHECK (owner_person_id IS NOT NULL OR owner_organisation_id IS NOT NULL)
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id);
CREATE INDEX meeting_decisions_person ON meeting_decisions(owner_person_id, status);
CREATE INDEX meeting_decisions_org ON meeting_decisions(owner_organisation_id, status);

CREATE TABLE topic_steps (
  id               INTEGER PRIMARY KEY,
  topic_id         INTEGER NOT NULL REFERENCES topics(id),
  ordinal          INTEGER NOT NULL,
  title            TEXT NOT NULL,
  owner_person_id  INTEGER REFERENCES persons(id),
  due_at           INTEGER,
  status           TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','in_progress','done','blocked')),
  progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  note             TEXT NOT NULL DEFAULT '',
  updated_at       INTEGER NOT NULL
);
CREATE INDEX topic_steps_topic ON topic_steps(topic_id, ordinal);

-- ---- conventions ----

CREATE TABLE conventions (
  id                  INTEGER PRIMARY KEY,
  place_id            INTEGER NOT NULL REFERENCES places(id),   -- a compound or a community
  grid_id             INTEGER NOT NULL REFERENCES grids(id),
  kind                TEXT NOT NULL CHECK (kind IN ('convention','happiness_declaration')),
  title               TEXT NOT NULL,
  current_version_id  INTEGER,
  created_at          INTEGER NOT NULL
);
CREATE INDEX conventions_grid ON conventions(grid_id);

CREATE TABLE convention_versions (
  id                   INTEGER PRIMARY KEY,
  convention_id        INTEGER NOT NULL REFERENCES conventions(id),
  number               INTEGER NOT NULL,
  state                TEXT NOT NULL,
  sections             TEXT NOT NULL,               -- [{"key", "heading", "text"}]
  note                 TEXT NOT NULL DEFAULT '',
  topic_id             INTEGER REFERENCES topics(id),
  quorum_percent       INTEGER NOT NULL DEFAULT 50 CHECK (quorum_percent BETWEEN 1 AND 100),
  majority             TEXT NOT NULL DEFAULT 'more_than_half'
                         CHECK (majority IN ('more_than_half','two_thirds','three_quarters')),
  eligible_households  INTEGER NOT NULL DEFAULT 0,
  decided_at           INTEGER,
  created_at           INTEGER NOT NULL,
  UNIQUE (convention_id, number)
);

-- Households signing on to an adopted version.
CREATE TABLE convention_signons (
  version_id    INTEGER NOT NULL REFERENCES convention_versions(id),
  household_id  INTEGER NOT NULL REFERENCES places(id),
  person_id     INTEGER REFERENCES persons(id),
  signed_at     INTEGER NOT NULL,
  PRIMARY KEY (version_id, household_id)
);

-- ---- notices ----

CREATE TABLE notices (
  id                INTEGER PRIMARY KEY,
  target_kind       TEXT NOT NULL CHECK (target_kind IN ('building','micro_grid','compound','grid','community')),
  target_id         INTEGER NOT NULL,
  grid_id           INTEGER NOT NULL REFERENCES grids(id),
  title             TEXT NOT NULL,
  body              TEXT NOT NULL,
  campaign_id       INTEGER REFERENCES campaigns(id),
  author_person_id  INTEGER REFERENCES persons(id),
  published_at      INTEGER NOT NULL
);
CREATE INDEX notices_grid ON notices(grid_id, published_at);
CREATE INDEX notices_target ON notices(target_kind, target_id);

CREATE TABLE notice_reads (
  notice_id     INTEGER NOT NULL REFERENCES notices(id),
  household_id  INTEGER NOT NULL REFERENCES places(id),
  person_id     INTEGER REFERENCES persons(id),
  read_at       INTEGER NOT NULL,
  PRIMARY KEY (notice_id, household_id)
);
