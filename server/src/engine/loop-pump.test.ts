import { describe, expect, it } from 'vitest';
import { LoopPump } from './loop-pump.js';

const turns = (n: number) => new Promise<void>((resolve) => {
  const step = (k: number) => (k === 0 ? resolve() : setImmediate(() => step(k - 1)));
  step(n);
});

describe('LoopPump', () => {
  it('runs one job per loop iteration: what a job queues for the next iteration runs before the next job', async () => {
    const pump = new LoopPump();
    const order: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      pump.add(key, () => {
        order.push(`job ${key}`);
        // Stands for the I/O that waits while jobs run: it must get its turn between two jobs.
        setImmediate(() => order.push(`io after ${key}`));
      });
    }
    await turns(10);
    expect(order).toEqual(['job a', 'io after a', 'job b', 'io after b', 'job c', 'io after c']);
  });

  it('waits for a job\'s own promise before the next, keeps one job per key, and goes on after a failing job', async () => {
    const errors: string[] = [];
    const pump = new LoopPump((key, e) => errors.push(`${key}: ${(e as Error).message}`));
    const order: string[] = [];
    let release!: () => void;
    pump.add('s1', () => new Promise<void>((resolve) => { order.push('s1 start'); release = () => { order.push('s1 done'); resolve(); }; }));
    pump.add('s2', () => { order.push('s2'); throw new Error('boom'); });
    pump.add('s2', () => { order.push('s2 again'); });
    pump.add('s3', () => { order.push('s3'); });
    await turns(5);
    expect(order).toEqual(['s1 start']);
    release();
    await turns(5);
    expect(order).toEqual(['s1 start', 's1 done', 's2', 's3']);
    expect(errors).toEqual(['s2: boom']);
    // Once s2 has run, the key can be queued again.
    pump.add('s2', () => { order.push('s2 later'); });
    await turns(3);
    expect(order.at(-1)).toBe('s2 later');
    expect(pump.size).toBe(0);
  });

  it('drops queued jobs and takes no more once stopped', async () => {
    const pump = new LoopPump();
    const ran: string[] = [];
    pump.add('a', () => { ran.push('a'); });
    pump.stop();
    pump.add('b', () => { ran.push('b'); });
    await turns(5);
    expect(ran).toEqual([]);
  });
});
