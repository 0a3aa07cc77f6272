-- 0001: places, grids, organisations, persons, assignments, three-links.
-- Personal data columns end in _sealed (libsodium secretbox, key outside the
-- database) and are searched through keyed hashes in *_index columns.

CREATE TABLE places (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('subdistrict','community','compound','building',
                  'unit','household','office_tower','mall','shop_street')),
  parent_id     INTEGER REFERENCES places(id),
  community_id  INTEGER REFERENCES places(id),
  grid_id       INTEGER REFERENCES grids(id),
  name          TEXT NOT NULL,
  code          TEXT NOT NULL DEFAULT '',
  lng           REAL,
  lat           REAL,
  outline       TEXT,          -- JSON ring [[lng,lat],...]
  tags          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX places_parent ON places(parent_id);
CREATE INDEX places_grid ON places(grid_id);
CREATE INDEX places_community_kind ON places(community_id, kind);
CREATE UNIQUE INDEX places_kind_code ON places(kind, code) WHERE code <> '';

CREATE TABLE grids (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('general_grid','grid','micro_grid','exclusive_grid')),
  parent_id     INTEGER REFERENCES grids(id),
  community_id  INTEGER NOT NULL REFERENCES places(id),
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  boundary      TEXT           -- JSON ring [[lng,lat],...]
);
CREATE INDEX grids_parent ON grids(parent_id);
CREATE INDEX grids_community ON grids(community_id);

CREATE TABLE organisations (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  name          TEXT NOT NULL,
  community_id  INTEGER REFERENCES places(id),
  place_id      INTEGER REFERENCES places(id)
);

CREATE TABLE persons (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('resident','tenant','staff','volunteer')),
  name_sealed        BLOB,
  phone_sealed       BLOB,
  id_number_sealed   BLOB,
  address_sealed     BLOB,
  name_index         TEXT,
  phone_index        TEXT,
  id_number_index    TEXT,
  gender             TEXT NOT NULL DEFAULT '',
  birth_year         INTEGER NOT NULL DEFAULT 0,
  party_member       INTEGER NOT NULL DEFAULT 0,
  household_id       INTEGER REFERENCES places(id),
  relation           TEXT NOT NULL DEFAULT '',
  organisation_id    INTEGER REFERENCES organisations(id)
);
CREATE INDEX persons_household ON persons(household_id);
CREATE INDEX persons_phone ON persons(phone_index);
CREATE INDEX persons_name ON persons(name_index);
CREATE INDEX persons_id_number ON persons(id_number_index);

CREATE TABLE assignments (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES persons(id),
  grid_id          INTEGER NOT NULL REFERENCES grids(id),
  role             TEXT NOT NULL,
  organisation_id  INTEGER REFERENCES organisations(id),
  UNIQUE (person_id, grid_id, role)
);
CREATE INDEX assignments_grid ON assignments(grid_id);

-- The three-links chain: tier 1 organisation -> backbone person; tier 2
-- backbone -> compound party member; tier 3 party member -> household.
CREATE TABLE links (
  id            INTEGER PRIMARY KEY,
  tier          INTEGER NOT NULL CHECK (tier IN (1,2,3)),
  from_org_id   INTEGER REFERENCES organisations(id),
  from_person_id INTEGER REFERENCES persons(id),
  to_person_id  INTEGER REFERENCES persons(id),
  to_household_id INTEGER REFERENCES places(id)
);
CREATE INDEX links_to_person ON links(to_person_id);
CREATE INDEX links_to_household ON links(to_household_id);
CREATE INDEX links_from_person ON links(from_person_id);

CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
