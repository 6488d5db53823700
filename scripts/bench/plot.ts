/**
 * The latency-versus-trainees chart of bench:load: an SVG drawn here (log-log
 * axes, one line per figure), saved beside the PNG, and rendered to PNG by the
 * Chromium that playwright-core drives (/usr/bin/chromium, or PLAYWRIGHT_CHROMIUM).
 *
 * Redraw from saved results: npx tsx scripts/bench/plot.ts docs/benchmarks/load-curve.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface RunLike { synchronous: string; ack: { p50: number; p99: number }; push: { p50: number; p99: number }; errorCount: number; lost?: number | null; actionsPerSec: number; offeredPerSec: number; counters?: { sent: number; refused: number } }
interface ResultLike { machine: { cores: number; node: string }; options: { intervalMs: number; scorer: string; serverSynchronous: string; player?: string }; sizes: { trainees: number; deskdrill: RunLike; baselines: RunLike[] }[] }

const W = 960, H = 600, L = 80, R = 250, T = 60, B = 70;

/** Commands the drill's rules refused (answered, not stored), as a share of the stored rate ("+7 %"), or nothing. */
function refusedShare(run: RunLike): string {
  const c = run.counters;
  if (!c?.refused || c.sent <= c.refused) return '';
  return `+${Math.round((c.refused / (c.sent - c.refused)) * 100)} %`;
}

export function latencySvg(r: ResultLike): string {
  const xs = r.sizes.map((s) => s.trainees);
  const series: { name: string; color: string; dash?: string; pick: (s: ResultLike['sizes'][number]) => number | undefined }[] = [
    { name: 'DeskDrill ack p50', color: '#1f77b4', pick: (s) => s.deskdrill.ack.p50 },
    { name: 'DeskDrill ack p99', color: '#1f77b4', dash: '2 0', pick: (s) => s.deskdrill.ack.p99 },
    { name: 'DeskDrill push p50', color: '#d62728', pick: (s) => s.deskdrill.push.p50 },
    { name: 'DeskDrill push p99', color: '#d62728', dash: '2 0', pick: (s) => s.deskdrill.push.p99 },
  ];
  const syncs = [...new Set(r.sizes.flatMap((z) => z.baselines.map((b) => b.synchronous)))];
  for (const sync of syncs) {
    const at = (z: ResultLike['sizes'][number]) => z.baselines.find((b) => b.synchronous === sync);
    const dash = sync === 'FULL' ? '6 4' : '2 3';
    series.push(
      { name: `bare ${sync.toLowerCase()}: ack p99`, color: '#555555', dash, pick: (z) => at(z)?.ack.p99 },
      { name: `bare ${sync.toLowerCase()}: push p99`, color: '#2ca02c', dash, pick: (z) => at(z)?.push.p99 },
    );
  }
  const values = series.flatMap((s) => r.sizes.map(s.pick)).filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...values))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...values, 1)));
  const xMin = Math.min(...xs) / 1.3, xMax = Math.max(...xs) * 1.3;
  const px = (x: number) => L + ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - L - R);
  const py = (y: number) => H - B - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - T - B);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${L}" y="28" font-size="17" font-weight="bold">DeskDrill latency vs connected trainees (one process, ${r.machine.cores} cores)</text>`);
  out.push(`<text x="${L}" y="47" fill="#555">each trainee acts every ${r.options.intervalMs / 1000} s; DeskDrill synchronous=${r.options.serverSynchronous}, scorer ${r.options.scorer}, players ${r.options.player ?? 'desk'}; bare = socket.io + 1 SQLite insert per action</text>`);
  // Grid and axes.
  for (let e = Math.log10(yMin); e <= Math.log10(yMax) + 1e-9; e++) {
    const v = 10 ** e;
    out.push(`<line x1="${L}" x2="${W - R}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 8}" y="${py(v) + 4}" text-anchor="end">${v >= 1 ? v.toLocaleString('en') : v} ms</text>`);
    for (const k of [2, 5]) if (v * k < yMax) out.push(`<line x1="${L}" x2="${W - R}" y1="${py(v * k)}" y2="${py(v * k)}" stroke="#f0f0f0"/>`);
  }
  for (const x of xs) {
    out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`);
    out.push(`<text x="${px(x)}" y="${H - B + 18}" text-anchor="middle">${x}</text>`);
  }
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 25}" text-anchor="middle">connected trainees (log scale)</text>`);
  out.push(`<text transform="translate(20 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">latency, ms (log scale)</text>`);
  // Lines.
  series.forEach((s, i) => {
    const pts = r.sizes.map((z) => [z.trainees, s.pick(z)] as const).filter((p): p is readonly [number, number] => p[1] !== undefined && Number.isFinite(p[1]) && p[1] > 0);
    if (pts.length) {
      const width = s.name.includes('p99') ? 2.5 : 1.8;
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="${width}" ${s.dash && s.dash !== '2 0' ? `stroke-dasharray="${s.dash}"` : ''} ${s.name.includes('p50') ? 'stroke-opacity="0.75"' : ''} points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`);
      for (const [x, y] of pts) out.push(s.name.includes('p99') ? `<rect x="${px(x) - 4}" y="${py(y) - 4}" width="8" height="8" fill="${s.color}"/>` : `<circle cx="${px(x)}" cy="${py(y)}" r="4" fill="white" stroke="${s.color}" stroke-width="2"/>`);
    }
    const ly = T + 10 + i * 24;
    out.push(`<line x1="${W - R + 20}" x2="${W - R + 55}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="${s.name.includes('p99') ? 2.5 : 1.8}" ${s.dash && s.dash !== '2 0' ? `stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(s.name.includes('p99') ? `<rect x="${W - R + 33.5}" y="${ly - 4}" width="8" height="8" fill="${s.color}"/>` : `<circle cx="${W - R + 37.5}" cy="${ly}" r="4" fill="white" stroke="${s.color}" stroke-width="2"/>`);
    out.push(`<text x="${W - R + 62}" y="${ly + 4}">${s.name}</text>`);
  });
  // Errors and throughput under the legend.
  r.sizes.forEach((z, i) => {
    const y = T + 30 + series.length * 24 + 20 + i * 20;
    out.push(`<text x="${W - R + 20}" y="${y}" fill="#444" font-size="11.5">N=${z.trainees}: ${Math.round(z.deskdrill.actionsPerSec)}${refusedShare(z.deskdrill)}/${Math.round(z.deskdrill.offeredPerSec)}${z.deskdrill.counters?.refused ? '' : ' act/s'}, ${z.deskdrill.errorCount} err${z.deskdrill.lost != null ? `, ${z.deskdrill.lost} lost` : ''}</text>`);
  });
  out.push(`<text x="${W - R + 20}" y="${T + 30 + series.length * 24}" fill="#444" font-size="12" font-weight="bold">${r.sizes.some((z) => z.deskdrill.counters?.refused) ? 'stored+refused / offered act/s' : 'DeskDrill sustained / offered'}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

/** Writes `<png>` (and the SVG beside it as `<png minus .png>.svg`). */
export async function renderLatencyPlot(r: ResultLike, png: string): Promise<void> {
  const svg = latencySvg(r);
  writeFileSync(png.replace(/\.png$/, '.svg'), svg);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: W, height: H }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: png });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx scripts/bench/plot.ts <load results .json>');
  const png = file.replace(/\.json$/, '.png');
  void renderLatencyPlot(JSON.parse(readFileSync(file, 'utf8')) as ResultLike, png).then(() => console.log(`plot: ${png}`));
}
