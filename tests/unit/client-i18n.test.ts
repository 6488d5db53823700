/**
 * The client's French and English strings: both languages have the same keys
 * in every namespace of the shell and the trainee desk, every literal key the
 * code asks for exists, and the enumerations the desk translates dynamically
 * (statuses, channels, moods, reply kinds…) are all covered.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, MOODS, REPLY_KINDS, TECH_LEVELS } from '../../server/src/domain/scenario.js';
import { TICKET_STATUSES } from '../../server/src/domain/ticket.js';
import { frenchTypography } from '../../client/src/i18n/typography.js';

const LOCALES = join(import.meta.dirname, '../../client/src/i18n/locales');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** A key is present if it exists as is, or with an i18next plural suffix. */
function has(all: Set<string>, key: string): boolean {
  return all.has(key) || all.has(`${key}_one`) || all.has(`${key}_other`);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
}

describe('client strings', () => {
  for (const ns of ['common', 'trainee']) {
    it(`${ns}: French and English have the same keys`, () => {
      const fr = keys(load('fr', ns)).sort();
      const en = keys(load('en', ns)).sort();
      expect(en).toEqual(fr);
    });
  }

  it('every literal key used by the shell and the trainee desk exists', () => {
    const common = new Set(keys(load('fr', 'common')));
    const trainee = new Set(keys(load('fr', 'trainee')));
    const root = join(import.meta.dirname, '../../client/src');
    const files = [...sources(join(root, 'trainee')), ...sources(join(root, 'shell')), join(root, 'App.tsx')];
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const ns = f.includes('/trainee/') ? trainee : common;
      for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) if (!has(ns, m[1]!)) missing.push(`${f.slice(root.length + 1)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('dynamic keys cover every value of the enumerations they translate', () => {
    for (const lang of ['fr', 'en']) {
      const all = new Set(keys(load(lang, 'trainee')));
      const need = [
        ...TICKET_STATUSES.map((s) => `status.${s}`),
        ...CHANNELS.flatMap((c) => [`channel.${c}`, `queue.take.${c}`, `notice.incoming.${c}`]),
        ...MOODS.map((m) => `mood.${m}`),
        ...TECH_LEVELS.map((l) => `techLevel.${l}`),
        ...REPLY_KINDS.flatMap((r) => [`reply.${r}`, `say.reply.${r}`]),
        ...['created', 'running', 'paused', 'stopped'].flatMap((s) => [`session.status.${s}`, `notice.session.${s}`]),
        'notice.session.cancelled',
        ...['contact', 'broadcast', 'message', 'group', 'sla', 'session'].map((k) => `noticeKind.${k}`),
        ...['none', 'consent', 'active', 'ended'].map((k) => `remote.state.${k}`),
        ...['none', 'requested', 'confirmed', 'refused'].map((k) => `confirm.state.${k}`),
      ];
      expect(need.filter((k) => !has(all, k)), lang).toEqual([]);
    }
  });

  it('French typography: narrow no-break spaces before high punctuation and inside guillemets', () => {
    expect(frenchTypography('Total : 3 points ; « bien » ! Vraiment ?')).toBe('Total\u202f: 3 points\u202f; «\u202fbien\u202f»\u202f! Vraiment\u202f?');
    expect(frenchTypography('https://example.org:3000')).toBe('https://example.org:3000');
  });
});
