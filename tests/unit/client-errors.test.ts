/**
 * Every refusal a trainee can get back from an action has its own French and English text on the desk.
 * The codes are read from the code that can refuse a trainee's request, not copied here: the domain's
 * decision (decide.ts and the domain modules it uses), the socket wrapper every request goes through, the
 * session host's command path, the join handler, and the client's own socket and HTTP errors. A new
 * refusal code there without its translation fails this test.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../client/src/trainee/errors.js';
import { traineeTranslators } from './fixtures/trainee-i18n.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** decide.ts and every domain module it imports, transitively (priority.ts, ticket.ts, …). */
function domainOfDecide(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.\/[^']+)\.js'/g)) visit(join(dirname(file), `${m[1]}.ts`));
  };
  visit(join(ROOT, 'server/src/domain/decide.ts'));
  return [...seen];
}

const SHELL = [
  'server/src/realtime/handler.ts', // every socket request: rate limit, login, role, payload, session access, crash
  'server/src/validation.ts',
  'server/src/realtime/desk-commands.ts',
  'server/src/realtime/session-room.ts', // joining the desk
  'server/src/engine/session-host.ts', // the command path: unknown session, reused client id, store failure
  'client/src/api/socket.ts', // no answer in time, no session joined
  'client/src/api/http.ts', // server unreachable
];
/**
 * Codes in those files a trainee never sees: only staff requests meet `rubric/unknown` (re-scoring under another
 * rubric); `session/left` is raised once the screen has closed, and the feed drops errors after that.
 */
const NEVER_SHOWN_TO_TRAINEES: Record<string, string[]> = { 'server/src/engine/session-host.ts': ['rubric/unknown'], 'client/src/api/socket.ts': ['session/left'] };

/** Code-shaped literals ('ticket/not_taken', not a media type) and the crash code `internal`, file by file. */
function codesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const codes = [...text.matchAll(/'([a-z]+\/[a-z_]+)'/g)].map((m) => m[1]!).filter((c) => !/^(application|text|image|multipart)\//.test(c));
  if (/\bfail\('internal'/.test(text)) codes.push('internal');
  const rel = relative(ROOT, file);
  for (const staff of NEVER_SHOWN_TO_TRAINEES[rel] ?? []) expect(codes, `${rel} no longer has ${staff}: update NEVER_SHOWN_TO_TRAINEES`).toContain(staff);
  return codes.filter((c) => !(NEVER_SHOWN_TO_TRAINEES[rel] ?? []).includes(c));
}

const reachable = [...new Set([...domainOfDecide(), ...SHELL.map((f) => join(ROOT, f))].flatMap(codesIn))].sort();

const { fr, en } = traineeTranslators();

describe('refusals a trainee can meet', () => {
  it('are found in the code (the scan sees the domain, the socket wrapper and the client)', () => {
    for (const code of ['priority/no_cell', 'command/unknown', 'ticket/invalid_transition', 'auth/not_a_participant', 'request/rate_limited', 'command/client_id_taken', 'network/timeout', 'network/unreachable', 'internal']) {
      expect(reachable).toContain(code);
    }
    // Trainer-only refusals (machine.ts) are not a trainee's.
    expect(reachable).not.toContain('session/already_started');
  });

  it('each has its own French and English text, never the server\'s English message', () => {
    const missing: string[] = [];
    for (const code of reachable) {
      const [f, e] = [errorText(fr, code, 'SERVER TEXT'), errorText(en, code, 'SERVER TEXT')];
      // English falls back to French when its key is missing: the two must differ.
      if (f === 'SERVER TEXT' || e === 'SERVER TEXT' || f === e) missing.push(`${code}: fr=${f} en=${e}`);
    }
    expect(missing).toEqual([]);
  });
});
