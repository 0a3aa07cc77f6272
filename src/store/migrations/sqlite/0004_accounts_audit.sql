-- 0004: accounts, sessions, API tokens and the hash-chained audit trail.

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  password_hash       TEXT NOT NULL,          -- argon2id (libsodium crypto_pwhash_str)
  role                TEXT NOT NULL,
  person_id           INTEGER REFERENCES persons(id),
  scope_grid_id       INTEGER REFERENCES grids(id),
  organisation_id     INTEGER REFERENCES organisations(id),
  disabled            INTEGER NOT NULL DEFAULT 0,
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        INTEGER,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

-- A signed-in browser. Only a hash of the cookie value is stored.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  remote      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Integration tokens: hashed at rest, limited to permissions, revocable.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL,
  permissions  TEXT NOT NULL DEFAULT '',     -- comma list; empty = the role's
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  revoked_at   INTEGER
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | the entry's fields).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     INTEGER,
  username    TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,     -- e.g. 'POST /api/v1/cases', 'reveal', 'login'
  target      TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '{}',
  remote      TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
