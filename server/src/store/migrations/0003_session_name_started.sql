-- A session's name (the trainer's, optional, from its `session.created`) tells runs of one drill apart in the lists;
-- `started_at` (the wall time of its `session.started`) tells trainees when the drill began. Both derived from the
-- log like the other columns: older logs have no name (NULL); those that started get their start time.
ALTER TABLE drill_sessions ADD COLUMN name TEXT;
ALTER TABLE drill_sessions ADD COLUMN started_at INTEGER;
UPDATE drill_sessions SET
  name = (SELECT json_extract(e.payload, '$.name') FROM events e WHERE e.session_id = drill_sessions.id AND e.type = 'session.created'),
  started_at = (SELECT json_extract(e.payload, '$.wallMs') FROM events e WHERE e.session_id = drill_sessions.id AND e.type = 'session.started' ORDER BY e.seq LIMIT 1);
