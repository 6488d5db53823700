/**
 * Room names. Trainee pushes go to a per-trainee room (several tabs of one
 * trainee all follow their desk); staff pushes to the session's staff room;
 * notices meant for everyone in a session to its session room; status changes
 * alone to its status room (screens that show only the status).
 */
export const sessionRoom = (sessionId: string) => `s:${sessionId}`;
export const staffRoom = (sessionId: string) => `s:${sessionId}:staff`;
export const statusRoom = (sessionId: string) => `s:${sessionId}:status`;
export const traineeRoom = (sessionId: string, traineeId: string) => `s:${sessionId}:t:${traineeId}`;
/** Every socket of one login (cookie): closed together at logout. */
export const loginRoom = (tokenHash: string) => `login:${tokenHash}`;
