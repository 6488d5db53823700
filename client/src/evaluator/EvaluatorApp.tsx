/** Placeholder mount point for the evaluator's app (the staff UI engineer replaces this file). */
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { UserMenu } from '../shell/UserMenu.js';

export default function EvaluatorApp() {
  const { t } = useTranslation('common');
  return (
    <div className="placeholder-app">
      <header className="topbar"><span className="brand">DeskDrill</span><LanguageSwitch /><UserMenu /></header>
      <main><h1>{t('roles.evaluator')}</h1></main>
    </div>
  );
}
