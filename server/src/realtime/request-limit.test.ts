import { describe, expect, it } from 'vitest';
import { CLOSE_AFTER_REFUSALS, REFUSALS_FORGIVEN_PER_SECOND, RequestLimiter } from './request-limit.js';

function limiter(perSecond: number, burst: number) {
  let now = 0;
  const l = new RequestLimiter({ perSecond, burst }, () => now);
  return { l, advance: (ms: number) => { now += ms; } };
}

describe('RequestLimiter', () => {
  it('allows a burst at once, then one request per refill interval', () => {
    const { l, advance } = limiter(10, 3);
    expect([l.take('u'), l.take('u'), l.take('u'), l.take('u')]).toEqual([true, true, true, false]);
    expect(l.waitMs('u')).toBe(100);
    advance(99);
    expect(l.take('u')).toBe(false);
    advance(1);
    expect(l.take('u')).toBe(true);
    expect(l.take('u')).toBe(false);
  });

  it('keeps one bucket per user', () => {
    const { l } = limiter(1, 1);
    expect(l.take('a')).toBe(true);
    expect(l.take('a')).toBe(false);
    expect(l.take('b')).toBe(true);
  });

  it('refills up to the burst, never beyond', () => {
    const { l, advance } = limiter(10, 2);
    l.take('u');
    advance(60_000);
    expect([l.take('u'), l.take('u'), l.take('u')]).toEqual([true, true, false]);
  });

  it('a refused request costs nothing: a steady flood still gets the sustained rate through', () => {
    const { l, advance } = limiter(10, 5);
    let allowed = 0;
    // 1,000 requests a second for 10 s.
    for (let i = 0; i < 10_000; i++) { if (l.take('u')) allowed++; advance(1); }
    expect(allowed).toBe(5 + 100 - 1);
  });

  it('reports the first refusal, then at most one a minute', () => {
    const { l, advance } = limiter(1, 1);
    l.take('u');
    l.take('u');
    expect(l.reportRefusal('u')).toBe(true);
    expect(l.reportRefusal('u')).toBe(false);
    advance(59_999);
    expect(l.reportRefusal('u')).toBe(false);
    advance(1);
    expect(l.reportRefusal('u')).toBe(true);
  });

  it('forgets the buckets that have refilled, so it does not grow with every user ever seen', () => {
    const { l, advance } = limiter(10, 10);
    for (let i = 0; i < 999; i++) l.take(`user-${i}`);
    expect(l.tracked).toBe(999);
    advance(10_000);
    l.take('late');
    expect(l.tracked).toBe(1);
  });

  it('refuses a limit that would let nothing through', () => {
    expect(() => new RequestLimiter({ perSecond: 0, burst: 10 })).toThrow(/perSecond > 0/);
    expect(() => new RequestLimiter({ perSecond: 5, burst: 0 })).toThrow(/burst >= 1/);
  });

  it(`names a flooder once ${CLOSE_AFTER_REFUSALS} refusals pile up, forgiving ${REFUSALS_FORGIVEN_PER_SECOND} a second`, () => {
    const { l, advance } = limiter(10, 1);
    l.take('u');
    for (let i = 0; i < CLOSE_AFTER_REFUSALS - 1; i++) expect(l.take('u')).toBe(false);
    expect(l.closeFlooder('u')).toBe(false);
    // An accepted request does not wipe the slate: a steady flood gets one through per refill.
    advance(100);
    expect(l.take('u')).toBe(true);
    // 199 refused, 2 forgiven over those 100 ms: three more make 200.
    l.take('u');
    l.take('u');
    expect(l.closeFlooder('u')).toBe(false);
    l.take('u');
    expect(l.closeFlooder('u')).toBe(true);
    // The count starts again after a close (the user's other sockets are not closed with it).
    expect(l.closeFlooder('u')).toBe(false);
    expect(l.closeFlooder('nobody')).toBe(false);
  });

  it('never names a client that asks at less than the limit plus the forgiven rate', () => {
    const { l, advance } = limiter(10, 40);
    // 25 requests a second for ten minutes: 10 get through, 15 are refused, 20 are forgiven.
    for (let i = 0; i < 25 * 600; i++) { l.take('u'); expect(l.closeFlooder('u')).toBe(false); advance(40); }
  });

  it('keeps a bucket until its refusals are forgiven, even once its tokens are back', () => {
    const { l, advance } = limiter(10, 1);
    for (let i = 0; i < 999; i++) l.take('u'); // 998 refused
    advance(5_000); // tokens back long ago, 100 refusals forgiven
    l.take('x'); // the 1,000th request sweeps
    expect(l.tracked).toBe(2);
    advance(50_000);
    for (let i = 0; i < 1_000; i++) l.take('y');
    expect(l.tracked).toBe(1);
  });
});
