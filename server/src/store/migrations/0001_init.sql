-- Accounts, classrooms, drill sessions, the append-only event log and scores.
-- The runner wraps this file in a transaction and records its id (see ../sqlite/migrate.ts).

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('trainee', 'trainer', 'evaluator', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

-- Login sessions: only a hash of the cookie token is stored, so a leaked database does not log anyone in.
CREATE TABLE auth_sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);

CREATE TABLE classrooms (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users(id),
  created_at  INTEGER NOT NULL
);

-- Trainees, trainers and evaluators of a classroom; a trainer or evaluator only sees the classrooms they belong to.
CREATE TABLE classroom_members (
  classroom_id TEXT NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (classroom_id, user_id)
);
CREATE INDEX classroom_members_user ON classroom_members(user_id);

-- Read model of a drill session, kept in step with its log inside the same transaction as each append.
CREATE TABLE drill_sessions (
  id             TEXT PRIMARY KEY,
  classroom_id   TEXT NOT NULL REFERENCES classrooms(id),
  drill_id       TEXT NOT NULL,
  mode           TEXT NOT NULL CHECK (mode IN ('training', 'exam')),
  speed          REAL NOT NULL,
  seed           INTEGER NOT NULL,
  rubric_version TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('created', 'running', 'paused', 'stopped')),
  last_seq       INTEGER NOT NULL,
  virtual_now    INTEGER NOT NULL,
  created_by     TEXT NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX drill_sessions_classroom ON drill_sessions(classroom_id);
CREATE INDEX drill_sessions_status ON drill_sessions(status);

-- Session membership is fixed at creation (the classroom's trainees then).
CREATE TABLE session_trainees (
  session_id TEXT NOT NULL REFERENCES drill_sessions(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_trainees_user ON session_trainees(user_id);

-- The log is the truth: one row per event, numbered per session, never updated or deleted.
CREATE TABLE events (
  session_id TEXT NOT NULL REFERENCES drill_sessions(id),
  seq        INTEGER NOT NULL CHECK (seq >= 1),
  t          INTEGER NOT NULL,
  wall_ms    INTEGER NOT NULL,
  actor_role TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  client_id  TEXT,
  PRIMARY KEY (session_id, seq),
  -- A retried action is recognised by its client id (NULLs, for follow-up events, do not collide).
  UNIQUE (session_id, client_id)
) WITHOUT ROWID;

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Scores computed from the log; a re-score under another rubric is stored beside the original.
CREATE TABLE scores (
  session_id     TEXT NOT NULL REFERENCES drill_sessions(id),
  rubric_version TEXT NOT NULL,
  computed_at    INTEGER NOT NULL,
  last_seq       INTEGER NOT NULL,
  score          TEXT NOT NULL,
  PRIMARY KEY (session_id, rubric_version, computed_at)
);
