import { describe, expect, it } from 'vitest';
import { PendingReplies } from '../../server/src/engine/pending-replies.js';

describe('PendingReplies', () => {
  it('gives each question its own number and settles each with the reply that names it, in any order', async () => {
    const p = new PendingReplies();
    const a = p.open<string>();
    const b = p.open<string>();
    const c = p.open<string>();
    expect(new Set([a.req, b.req, c.req]).size).toBe(3);
    expect(p.size).toBe(3);
    expect(p.settle({ req: c.req, ok: true, value: 'c' })).toBe(true);
    expect(p.settle({ req: a.req, ok: false, error: 'no such session' })).toBe(true);
    expect(p.settle({ req: b.req, ok: true, value: 'b' })).toBe(true);
    expect(p.size).toBe(0);
    await expect(c.answer).resolves.toBe('c');
    await expect(b.answer).resolves.toBe('b');
    await expect(a.answer).rejects.toThrow('no such session');
  });

  it('ignores a reply nobody waits for, and a second reply to the same question', async () => {
    const p = new PendingReplies();
    const a = p.open<number>();
    expect(p.settle({ req: a.req + 100, ok: true, value: 1 })).toBe(false);
    expect(p.settle({ req: a.req, ok: true, value: 2 })).toBe(true);
    expect(p.settle({ req: a.req, ok: true, value: 3 })).toBe(false);
    await expect(a.answer).resolves.toBe(2);
  });

  it('fails every question still waiting at once, and later replies to them change nothing', async () => {
    const p = new PendingReplies();
    const done = p.open<string>();
    p.settle({ req: done.req, ok: true, value: 'answered before' });
    const waiting = [p.open<string>(), p.open<string>()];
    p.failAll(new Error('the thread stopped'));
    expect(p.size).toBe(0);
    for (const w of waiting) await expect(w.answer).rejects.toThrow('the thread stopped');
    expect(p.settle({ req: waiting[0]!.req, ok: true, value: 'late' })).toBe(false);
    await expect(done.answer).resolves.toBe('answered before');
    // Numbers are not reused after a failure: a late reply cannot settle a new question.
    expect(p.open().req).toBeGreaterThan(waiting[1]!.req);
  });
});
