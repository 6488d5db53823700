/** Asset inventory ("parc"): search, read a record, link it to the ticket, record a change. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../server/src/domain/scenario.js';
import { catalog as catalogApi } from '../api/rest.js';
import { useDesk, usePanelState, useSelection } from './DeskContext.js';
import { TextField } from './Field.js';
import { scrollPanelTo } from './format.js';
import { AssetUpdateForm } from './AssetUpdateForm.js';
import { ActionButton } from './ActionButton.js';
import { focusLater } from '../shell/focus.js';

export function InventoryPanel() {
  const { t } = useTranslation('trainee');
  const { send, view, openAssetTag, setOpenAssetTag } = useDesk();
  const { ticket } = useSelection();
  const [query, setQuery] = usePanelState('assets.query', '');
  const [results, setResults] = usePanelState<Asset[] | undefined>('assets.results', undefined);
  const [asset, setAsset] = useState<Asset>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!openAssetTag) { setAsset(undefined); return; }
    let live = true;
    catalogApi.asset(openAssetTag).then((a) => live && setAsset(a), () => live && setFailed(true));
    return () => { live = false; };
  }, [openAssetTag]);

  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    setFailed(false);
    setOpenAssetTag(undefined);
    try { setResults(await catalogApi.assets(query.trim())); } catch { setFailed(true); }
  };

  const open = (tag: string) => {
    setOpenAssetTag(tag);
    // The results list goes: read on from the record's title.
    focusLater(() => document.getElementById('asset-title'));
  };
  const back = () => {
    const tag = openAssetTag;
    setOpenAssetTag(undefined);
    // Back on the list, at the record that was opened.
    focusLater(() => document.querySelector<HTMLElement>(`[data-asset-hit="${CSS.escape(tag ?? '')}"]`));
  };

  const recordRef = useRef<HTMLElement>(null);
  useEffect(() => { scrollPanelTo(recordRef.current); }, [asset?.tag]);
  const changes = asset ? view.desk.assetChanges[asset.tag] ?? {} : {};
  return (
    <div className="inventory-panel">
      <form onSubmit={search} className="inline-form" role="search">
        <TextField label={t('assets.search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="grow" placeholder={t('assets.placeholder')} maxLength={100} data-testid="asset-search" />
        <button type="submit" className="btn btn-primary">{t('assets.searchBtn')}</button>
      </form>
      {failed && <p className="form-error" role="alert">{t('assets.failed')}</p>}
      {asset ? (
        <article ref={recordRef} className="asset-record" aria-labelledby="asset-title" data-testid="asset-record">
          <button type="button" className="link" onClick={back}>← {t('assets.back')}</button>
          <h3 id="asset-title" tabIndex={-1}>{asset.tag} <span className="muted">{t(`assetType.${asset.type}`, { defaultValue: asset.type })}</span></h3>
          <dl className="kv">
            <div><dt>{t('assets.model')}</dt><dd>{asset.model}</dd></div>
            <div><dt>{t('assets.owner')}</dt><dd>{changes.owner ?? asset.owner ?? '—'}</dd></div>
            <div><dt>{t('assets.site')}</dt><dd>{changes.site ?? asset.site}</dd></div>
            <div><dt>{t('assets.location')}</dt><dd>{changes.location ?? asset.location ?? '—'}</dd></div>
            <div><dt>{t('assets.status')}</dt><dd>{changes.status ?? t(`assetStatus.${asset.status}`, { defaultValue: asset.status })}</dd></div>
            {Object.entries({ ...asset.fields, ...changes }).filter(([k]) => !['owner', 'site', 'location', 'status', 'model'].includes(k)).map(([k, v]) => (
              <div key={k}><dt>{t(`assetField.${k}`, { defaultValue: k })}</dt><dd>{v}{changes[k] !== undefined && <span className="tag">{t('assets.changed')}</span>}</dd></div>
            ))}
          </dl>
          {ticket ? (
            <>
              <div className="button-row">
                <ActionButton className="btn btn-primary" unavailable={ticket.assetTag === asset.tag} onClick={() => void send({ type: 'ticket.linkAsset', ticketId: ticket.id, assetTag: asset.tag })}>
                  {ticket.assetTag === asset.tag ? t('assets.linked', { id: ticket.id }) : t('assets.link', { id: ticket.id })}
                </ActionButton>
              </div>
              <h4>{t('assets.updateTitle')}</h4>
              <AssetUpdateForm tag={asset.tag} ticketId={ticket.id} asset={asset} />
            </>
          ) : <p className="hint">{t('assets.noTicket')}</p>}
        </article>
      ) : results && (
        <section aria-live="polite" aria-labelledby="asset-results-title">
          <h3 id="asset-results-title" className="section-title">{t('assets.results', { count: results.length })}</h3>
          <ul className="asset-results" data-testid="asset-results">
            {results.map((a) => (
              <li key={a.tag}>
                <button type="button" className="kb-hit" data-asset-hit={a.tag} onClick={() => open(a.tag)}>
                  <span className="kb-hit-title">{a.tag} — {a.model}</span>
                  <span className="muted">{t(`assetType.${a.type}`, { defaultValue: a.type })} · {a.owner ?? t('assets.noOwner')} · {a.site}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
