/** Downloads: scores per criterion (CSV for French Excel), xAPI statements, printable reports. */
import { useTranslation } from 'react-i18next';
import { deName } from './common/labels.js';
import { exportUrls } from './common/api.js';

export function Exports({ sessionId, trainees }: { sessionId: string; trainees: { id: string; name: string }[] }) {
  const { t, i18n } = useTranslation('staff');
  return (
    <div className="exports">
      <section className="panel" aria-labelledby="exp-files">
        <h2 id="exp-files">{t('exports.files')}</h2>
        <ul className="export-list">
          <li>
            <a className="btn" href={exportUrls.csv(sessionId)} download data-testid="export-csv" aria-describedby="export-csv-help">{t('exports.csv')}</a>
            <p id="export-csv-help" className="muted small">{t('exports.csvHelp')}</p>
          </li>
          <li>
            <a className="btn" href={exportUrls.xapi(sessionId)} download data-testid="export-xapi" aria-describedby="export-xapi-help">{t('exports.xapi')}</a>
            <p id="export-xapi-help" className="muted small">{t('exports.xapiHelp')}</p>
          </li>
        </ul>
      </section>
      <section className="panel" aria-labelledby="exp-reports">
        <h2 id="exp-reports">{t('exports.reports')}</h2>
        <p className="muted small">{t('exports.reportsHelp')}</p>
        <ul className="export-list">
          {trainees.map((x) => <li key={x.id}><a href={exportUrls.report(sessionId, x.id, i18n.language)} target="_blank" rel="noopener">{t('exports.reportFor', { name: x.name, deName: deName(x.name) })}</a></li>)}
        </ul>
      </section>
    </div>
  );
}
