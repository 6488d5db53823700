/**
 * Live scoring runs at a lower CPU priority than the event loop (which also
 * commits the event log). On a small machine every thread shares the same two cores, and a
 * trainee's ack or desk push should not wait for a core while the scoring thread
 * works out feedback that is only due a few hundred ms later. Linux keeps a nice
 * value per thread, so this lowers the calling thread alone; elsewhere, or if the
 * system refuses, the thread keeps the process's priority.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of background threads: the scheduler then gives a busy event loop about 9 times their share. */
export const BACKGROUND_NICE = 10;

/** The calling thread's kernel id, on Linux. */
export function currentThreadId(): number | undefined {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Raises the nice value of thread `tid` (a kernel thread id, on Linux) to at least `nice` (never lowers it: that needs
 * privileges). Returns the nice value the thread runs at, or undefined if the system refuses or the thread is gone.
 */
export function lowerPriorityOf(tid: number, nice: number): number | undefined {
  try {
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid);
  } catch {
    return undefined;
  }
}

/**
 * Raises the calling thread's nice value to at least `nice` (see `lowerPriorityOf`).
 * Returns the nice value the thread runs at, or undefined where threads have no priority of their own.
 */
export function lowerThreadPriority(nice: number): number | undefined {
  const tid = currentThreadId();
  return tid === undefined ? undefined : lowerPriorityOf(tid, nice);
}
