import { useCallback, useEffect, useRef, type FocusEvent } from 'react';

/**
 * Moving keyboard focus to content that appears after an action (the control
 * that was pressed may be gone once the server's update is shown).
 */

interface FocusOptions {
  /** The control that triggered the move (read it before awaiting the command); defaults to the element focused now. */
  from?: Element | null;
  /** Wait until `from` has left the page before moving (it may stay, then focus stays on it). */
  onlyIfGone?: boolean;
  timeoutMs?: number;
}

/**
 * Focuses `target()` as soon as it exists, unless the user has moved focus
 * somewhere else meanwhile. Polls once per frame: the element often appears
 * only with the server's next push, after the command's acknowledgement.
 */
export function focusLater(target: () => HTMLElement | null | undefined, opts: FocusOptions = {}): void {
  const from = opts.from === undefined ? document.activeElement : opts.from;
  const end = performance.now() + (opts.timeoutMs ?? 3000);
  const step = () => {
    const current = document.activeElement;
    const userMoved = current && current !== document.body && current !== from;
    if (userMoved || performance.now() > end) return;
    // <body> as the origin means the control was already gone when the move was asked for.
    if (opts.onlyIfGone && from && from !== document.body && from.isConnected) { requestAnimationFrame(step); return; }
    const el = target();
    if (el) { el.focus(); return; }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

export const byId = (id: string) => () => document.getElementById(id);

/**
 * For controls that a change from elsewhere can take away under the user's hands (the drill stops): put the
 * returned handler as the region's onFocus. Once `gone` turns true, if the focus was in the region and went
 * with it (to <body>), it moves to `target`, what now stands in its place; focus the user moved on stays put.
 */
export function useFocusWhenGone(gone: boolean, target: () => HTMLElement | null | undefined): (e: FocusEvent) => void {
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const from = last.current;
    if (gone && from && !from.isConnected) focusLater(target, { from, onlyIfGone: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gone]);
  return useCallback((e: FocusEvent) => { last.current = e.target; }, []);
}
