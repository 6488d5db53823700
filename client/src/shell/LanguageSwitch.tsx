/** FR / EN toggle: two buttons, the current language pressed. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="btn btn-small"
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
          title={t(`language.${lng}`)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
