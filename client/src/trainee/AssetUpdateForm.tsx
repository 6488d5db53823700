/** Records a change on an asset (CI) after an intervention. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../server/src/domain/scenario.js';
import { catalog as catalogApi } from '../api/rest.js';
import { ActionButton } from './ActionButton.js';
import { useDesk } from './DeskContext.js';
import { TextField } from './Field.js';
import { assetFieldKey, assetFieldLabel } from './asset-fields.js';

export const BASE_ASSET_FIELDS = ['status', 'owner', 'location', 'site', 'model'] as const;

export function AssetUpdateForm({ tag, ticketId, asset: given }: { tag: string; ticketId: string; asset?: Asset | undefined }) {
  const { t } = useTranslation('trainee');
  const { view, send } = useDesk();
  const [asset, setAsset] = useState<Asset | undefined>(given);
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  useEffect(() => {
    if (given) { setAsset(given); return; }
    let live = true;
    catalogApi.asset(tag).then((a) => live && setAsset(a), () => undefined);
    return () => { live = false; };
  }, [tag, given]);
  const changes = view.desk.assetChanges[tag] ?? {};
  const fields = [...new Set([...BASE_ASSET_FIELDS, ...Object.keys(asset?.fields ?? {}), ...Object.keys(changes)])];
  const listId = `asset-fields-${tag}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (field.trim() && value.trim() && await send({ type: 'asset.update', ticketId, assetTag: tag, field: assetFieldKey(t, field, fields), value: value.trim() })) { setField(''); setValue(''); }
  };
  return (
    <form onSubmit={submit} className="asset-update">
      {Object.keys(changes).length > 0 && (
        <ul className="plain-list changes">
          {Object.entries(changes).map(([k, v]) => <li key={k}><strong>{assetFieldLabel(t, k)}</strong> → {v}</li>)}
        </ul>
      )}
      <div className="form-grid">
        <TextField label={t('assets.field')} list={listId} value={field} onChange={(e) => setField(e.target.value)} maxLength={60} hint={t('assets.fieldHint')} />
        <TextField label={t('assets.value')} value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} />
      </div>
      <datalist id={listId}>{fields.map((f) => <option key={f} value={assetFieldLabel(t, f)} />)}</datalist>
      <ActionButton type="submit" className="btn" unavailable={!field.trim() || !value.trim()}>{t('assets.update', { tag })}</ActionButton>
    </form>
  );
}
