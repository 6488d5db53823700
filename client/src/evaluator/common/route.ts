/**
 * A tiny hash router for the staff apps: "#/sessions/ses-1/replay?seq=42".
 * Links stay shareable (an evidence link opens the replay at its event) and
 * the shell needs no router library.
 */
import { useEffect, useState } from 'react';

export interface Route { parts: string[]; query: URLSearchParams; hash: string }

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query), hash: raw };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** "#/a/b?x=1" from parts and query values (undefined values are left out). */
export function href(parts: (string | number)[], query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}${s ? `?${s}` : ''}`;
}

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to); else window.location.hash = to.replace(/^#/, '');
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}
