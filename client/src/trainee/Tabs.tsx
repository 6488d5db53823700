/**
 * WAI-ARIA tabs: arrow keys, Home and End move between tabs (roving
 * tabindex), Tab goes into the panel.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<K extends string> { id: K; label: ReactNode; badge?: ReactNode }

export function Tabs<K extends string>({ idPrefix, label, tabs, active, onChange, children, className }: {
  idPrefix: string; label: string; tabs: TabDef<K>[]; active: K; onChange: (k: K) => void; children: ReactNode; className?: string;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const panel = useRef<HTMLDivElement>(null);
  // One panel element serves every tab: start each tab at its top.
  useEffect(() => { if (panel.current) panel.current.scrollTop = 0; }, [active]);
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((x) => x.id === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const k = tabs[next]!.id;
    onChange(k);
    refs.current.get(k)?.focus();
  };
  return (
    <div className={`tabs ${className ?? ''}`}>
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKey}>
        {tabs.map((x) => (
          <button
            key={x.id}
            ref={(el) => { if (el) refs.current.set(x.id, el); else refs.current.delete(x.id); }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${x.id}`}
            aria-selected={x.id === active}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={x.id === active ? 0 : -1}
            className="tab"
            onClick={() => onChange(x.id)}
          >
            {x.label}{x.badge !== undefined && <span className="tab-badge">{x.badge}</span>}
          </button>
        ))}
      </div>
      <div ref={panel} role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`} className="tabpanel" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
