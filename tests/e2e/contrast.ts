/** WCAG contrast measured in the page, for the browser tests (axe's color-contrast rule: 4.5:1 for body text). */
import type { Page } from 'playwright-core';

/**
 * Contrast ratio of the text of `selector`, or of a probe with `probeClass` appended inside it (the class as it
 * would show there), against the first opaque background behind it.
 */
export async function contrastOf(page: Page, selector: string, probeClass?: string): Promise<number> {
  return page.evaluate(([sel, cls]) => {
    const host = document.querySelector<HTMLElement>(sel!);
    if (!host) throw new Error(`no element ${sel}`);
    let el: HTMLElement = host;
    if (cls) { el = document.createElement('span'); el.className = cls; el.textContent = 'Échantillon'; host.appendChild(el); }
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => [r!, g!, b!].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    let bg = 'rgb(255, 255, 255)';
    for (let a: Element | null = el; a; a = a.parentElement) { const b = getComputedStyle(a).backgroundColor; if (b !== 'transparent' && !/rgba\(.*, 0\)$/.test(b)) { bg = b; break; } }
    const [l1, l2] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg))];
    if (cls) el.remove();
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  }, [selector, probeClass] as const);
}
