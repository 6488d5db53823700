/** bench:load --client-nice: every thread of a load client gets at least the nice value, not only its main thread. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reniceThreads } from '../../scripts/bench/common.js';

/** The nice value of each thread of `pid`, from /proc (field 19 of stat, after the command's parentheses). */
const threadNices = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

describe.runIf(process.platform === 'linux')('reniceThreads', () => {
  it('lowers the priority of every thread of a running process, workers included', async () => {
    // A process with a worker thread started after the main thread, as the load client starts its players' thread.
    const child = spawn(process.execPath, ['-e', `
      const { Worker } = require('node:worker_threads');
      new Worker('setInterval(() => {}, 1000)', { eval: true }).on('online', () => console.log('ready'));
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((ok) => child.stdout!.once('data', () => ok()));
      const pid = child.pid!;
      const before = threadNices(pid);
      expect(before.length).toBeGreaterThan(2);
      expect(before.some((n) => n !== 7)).toBe(true);
      const after = reniceThreads(pid, 7);
      expect(after).toHaveLength(before.length);
      expect(after!.every((n) => n === 7)).toBe(true);
      expect(threadNices(pid).every((n) => n === 7)).toBe(true);
      // Never raises a thread's priority again (the players' thread stays at 19 under --client-nice 10).
      reniceThreads(pid, 3);
      expect(threadNices(pid).every((n) => n === 7)).toBe(true);
    } finally {
      child.kill();
    }
  });

  it('says nothing was done for a process that is not there', () => {
    expect(reniceThreads(2 ** 22 + 12345, 7)).toBeUndefined();
  });
});
