-- A session stopped before it ever started was cancelled (the fold's `cancelled`): lists say so, and trainees are
-- not offered to review a drill that did not take place. Derived from the log like the other columns, older rows too.
ALTER TABLE drill_sessions ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1));
UPDATE drill_sessions SET cancelled = 1
  WHERE status = 'stopped'
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.session_id = drill_sessions.id AND e.type = 'session.started');
