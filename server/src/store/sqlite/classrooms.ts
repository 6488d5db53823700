/** Classrooms, their members, and stored scores on SQLite. */
import type Database from 'better-sqlite3';
import type { SessionScore } from '../../domain/scoring/types.js';
import type { Classroom, ClassroomMember, ClassroomStore, Role, ScoreStore } from '../types.js';
import { prepared } from './prepared.js';

interface ClassroomRowDb { id: string; name: string; created_by: string; created_at: number }
const toClassroom = (r: ClassroomRowDb): Classroom => ({ id: r.id, name: r.name, createdBy: r.created_by, createdAt: r.created_at });

export function sqliteClassrooms(db: Database.Database): ClassroomStore {
  return {
    async createClassroom(c) {
      const now = Date.now();
      prepared(db, 'INSERT INTO classrooms (id, name, created_by, created_at) VALUES (?, ?, ?, ?)').run(c.id, c.name, c.createdBy, now);
      return { id: c.id, name: c.name, createdBy: c.createdBy, createdAt: now };
    },
    async getClassroom(id) {
      const r = prepared(db, 'SELECT * FROM classrooms WHERE id = ?').get(id) as ClassroomRowDb | undefined;
      return r ? toClassroom(r) : undefined;
    },
    async listClassrooms(memberId) {
      const rows = memberId === undefined
        ? prepared(db, 'SELECT * FROM classrooms ORDER BY name, id').all()
        : prepared(db, 'SELECT c.* FROM classrooms c JOIN classroom_members m ON m.classroom_id = c.id WHERE m.user_id = ? ORDER BY c.name, c.id').all(memberId);
      return (rows as ClassroomRowDb[]).map(toClassroom);
    },
    async addMember(classroomId, userId) {
      prepared(db, 'INSERT OR IGNORE INTO classroom_members (classroom_id, user_id) VALUES (?, ?)').run(classroomId, userId);
    },
    async listMembers(classroomId) {
      return (prepared(db, `SELECT u.id, u.username, u.display_name, u.role FROM classroom_members m JOIN users u ON u.id = m.user_id
        WHERE m.classroom_id = ? ORDER BY u.role, u.display_name, u.id`).all(classroomId) as { id: string; username: string; display_name: string; role: Role }[])
        .map((r): ClassroomMember => ({ userId: r.id, username: r.username, displayName: r.display_name, role: r.role }));
    },
    async isMember(classroomId, userId) {
      return prepared(db, 'SELECT 1 FROM classroom_members WHERE classroom_id = ? AND user_id = ?').get(classroomId, userId) !== undefined;
    },
  };
}

export function sqliteScores(db: Database.Database): ScoreStore {
  const exists = prepared(db, 'SELECT 1 FROM scores WHERE session_id = ? AND rubric_version = ? AND computed_at = ?');
  return {
    async saveScore(s) {
      // The key includes the computation time; two computations in the same millisecond get distinct keys.
      let computedAt = s.computedAt;
      while (exists.get(s.sessionId, s.rubricVersion, computedAt)) computedAt++;
      prepared(db, 'INSERT INTO scores (session_id, rubric_version, computed_at, last_seq, score) VALUES (?, ?, ?, ?, ?)')
        .run(s.sessionId, s.rubricVersion, computedAt, s.lastSeq, JSON.stringify(s.score));
      return { ...s, computedAt };
    },
    async listScores(sessionId) {
      return (prepared(db, 'SELECT * FROM scores WHERE session_id = ? ORDER BY computed_at, rubric_version').all(sessionId) as { session_id: string; rubric_version: string; computed_at: number; last_seq: number; score: string }[])
        .map((r) => ({ sessionId: r.session_id, rubricVersion: r.rubric_version, computedAt: r.computed_at, lastSeq: r.last_seq, score: JSON.parse(r.score) as SessionScore }));
    },
  };
}
