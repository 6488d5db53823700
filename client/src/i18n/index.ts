/**
 * i18next set-up: French by default, English on request. Each area of the UI
 * owns a namespace (common here; trainee, trainer, evaluator… in their own
 * chunks) and registers it with `registerNamespace` when its chunk loads, so
 * a role's strings travel with that role's code.
 */
import i18n, { type PostProcessorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonFr from './locales/fr/common.json';
import commonEn from './locales/en/common.json';
import { frenchTypography } from './typography.js';
import { localized as localizedIn } from './localized.js';

export { frenchTypography };

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'deskdrill.lang';

const frTypo: PostProcessorModule = {
  type: 'postProcessor',
  name: 'frTypo',
  process(value: string, _key: string | string[], _options: unknown, translator: { language?: string }) {
    return translator.language === 'fr' ? frenchTypography(value) : value;
  },
};

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch { /* storage disabled */ }
  return 'fr';
}

void i18n
  .use(frTypo)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    ns: ['common'],
    defaultNS: 'common',
    resources: { fr: { common: commonFr }, en: { common: commonEn } },
    postProcess: ['frTypo'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

// Guarded so that the unit tests (Node, no DOM) can load the real set-up.
const setPageLang = (lng: string) => { if (typeof document !== 'undefined') document.documentElement.lang = lng; };
setPageLang(i18n.language);
i18n.on('languageChanged', (lng) => {
  setPageLang(lng);
  try { localStorage.setItem(STORAGE_KEY, lng); } catch { /* storage disabled */ }
});

/** Adds a namespace's French and English strings (idempotent). */
export function registerNamespace(ns: string, bundles: { fr: object; en: object }): void {
  if (!i18n.hasResourceBundle('fr', ns)) i18n.addResourceBundle('fr', ns, bundles.fr, true, true);
  if (!i18n.hasResourceBundle('en', ns)) i18n.addResourceBundle('en', ns, bundles.en, true, true);
}

/** Picks the text of a `{fr, en?}` value for the current language (falls back to French, with French typography). */
export function localized(value: { fr: string; en?: string | undefined } | undefined, lang: string = i18n.language): string {
  return localizedIn(value, lang);
}

export default i18n;
