/** The desk's SLA countdown and time formats (display only: phases come from the server, the countdown runs on between pushes). */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatShiftTime, formatTarget, slaAt } from '../../client/src/trainee/format.js';

const MIN = 60_000;

describe('SLA countdown on the desk', () => {
  const sla = { phase: 'ok' as const, target: 10 * MIN, elapsed: 2 * MIN, paused: false, stopped: false };

  it('keeps counting a running clock from the virtual time the view was projected at', () => {
    const d = slaAt(sla, 100 * MIN, 103 * MIN, 0.75);
    expect(d.elapsed).toBe(5 * MIN);
    expect(d.remaining).toBe(5 * MIN);
    expect(d.phase).toBe('ok');
  });

  it('shows the warning and the breach as soon as the countdown reaches them', () => {
    expect(slaAt(sla, 100 * MIN, 106 * MIN, 0.75).phase).toBe('warning');
    const late = slaAt(sla, 100 * MIN, 109 * MIN, 0.75);
    expect(late.phase).toBe('breached');
    expect(late.remaining).toBe(-MIN);
  });

  it('freezes a paused or stopped clock and keeps the server phase', () => {
    expect(slaAt({ ...sla, paused: true }, 100 * MIN, 150 * MIN, 0.75)).toMatchObject({ elapsed: 2 * MIN, phase: 'ok', running: false });
    expect(slaAt({ ...sla, stopped: true, phase: 'warning' }, 100 * MIN, 150 * MIN, 0.75).phase).toBe('warning');
  });

  it('never shows a better phase than the server says', () => {
    expect(slaAt({ ...sla, phase: 'breached' }, 100 * MIN, 100 * MIN, 0.75).phase).toBe('breached');
  });

  it('formats durations and the shift clock', () => {
    expect(formatDuration(5 * MIN + 7_000)).toBe('05:07');
    expect(formatDuration(-65_000)).toBe('−01:05');
    expect(formatDuration(2 * 60 * MIN + 3 * MIN)).toBe('2:03:00');
    expect(formatShiftTime(62 * MIN + 5_000)).toBe('01:02:05');
  });

  it('writes contract targets with no-break spaces, so "24 h" never breaks between the number and its unit', () => {
    expect(formatTarget(30)).toBe('30\u00a0min');
    expect(formatTarget(24 * 60)).toBe('24\u00a0h');
    expect(formatTarget(90)).toBe('1\u00a0h\u00a030');
  });
});
