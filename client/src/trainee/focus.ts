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
