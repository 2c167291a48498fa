/**
 * The storage sections of the generic detail page: a StorageClass's facts and the claims that
 * use it; a PersistentVolume's facts, its claim, where its data lives, which nodes reach it and,
 * once Released, what reclaiming it means under its policy. Both read the live list rows.
 */
import { Link } from 'react-router';
import type { StorageClassRow } from '../../../../server/views/storage/storageClassRow.ts';
import type { VolumeRow } from '../../../../server/views/storage/volumeRow.ts';
import { useLiveList } from '../../api/live.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { storageTone } from './storageTone.ts';
import './storage.css';

export function StorageClassSection({ context, name }: { context: string; namespace?: string; name: string }) {
  const t = useT();
  const list = useLiveList<StorageClassRow>('storageclasses', context, []);
  const c = list.rows.find((r) => r.name === name);
  if (!c) return null;
  return (
    <section className="panel" aria-labelledby="class-facts-title" data-testid="class-facts">
      <h2 id="class-facts-title" className="panel__title">
        {t('classes.section')}
      </h2>
      <dl className="facts">
        <dt>{t('classes.col.provisioner')}</dt>
        <dd className="mono">{c.provisioner}</dd>
        <dt>{t('classes.default')}</dt>
        <dd data-testid="class-is-default">{c.isDefault ? t('classes.yes') : t('classes.no')}</dd>
        <dt>{t('classes.col.binding')}</dt>
        <dd>{c.volumeBindingMode}</dd>
        <dt>{t('classes.col.reclaim')}</dt>
        <dd>{c.reclaimPolicy}</dd>
        <dt>{t('classes.col.expansion')}</dt>
        <dd data-testid="class-expansion">{c.allowVolumeExpansion ? t('claim.expansionYes') : t('claim.expansionNo')}</dd>
        <dt>{t('classes.col.parameters')}</dt>
        <dd className="mono">{Object.entries(c.parameters).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</dd>
      </dl>
      <h3 className="container__name">{t('classes.claimsUsing', { count: c.claims.length })}</h3>
      {c.claims.length === 0 ? (
        <p className="muted">{t('classes.noClaims')}</p>
      ) : (
        <ul className="orphans__list" data-testid="class-claims">
          {c.claims.map((key) => {
            const [ns = '', claim = ''] = key.split('/');
            return (
              <li key={key}>
                <Link className="mono" to={detailPath(context, 'persistentvolumeclaims', ns, claim)}>
                  {key}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function VolumeSection({ context, name }: { context: string; namespace?: string; name: string }) {
  const t = useT();
  const list = useLiveList<VolumeRow>('persistentvolumes', context, []);
  const v = list.rows.find((r) => r.name === name);
  if (!v) return null;
  const claim = v.claimRef ? `${v.claimRef.namespace}/${v.claimRef.name}` : '';
  return (
    <section className="panel" aria-labelledby="volume-facts-title" data-testid="volume-facts">
      <h2 id="volume-facts-title" className="panel__title">
        {t('volume.section')}
      </h2>
      {v.reclaimable && (
        <p className="tone tone--progress" data-testid="volume-reclaim" data-policy={v.reclaimPolicy}>
          {t(`volume.reclaim.${v.reclaimPolicy}`, { claim })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('volumes.col.status')}</dt>
        <dd className={`tone tone--${storageTone(v.status)}`} data-testid="volume-status">
          {v.status}
        </dd>
        <dt>{t('volumes.col.capacity')}</dt>
        <dd className="mono">{v.capacity ?? '—'}</dd>
        <dt>{t('volumes.col.access')}</dt>
        <dd>{v.accessModes.join(', ')}</dd>
        <dt>{t('volumes.col.reclaim')}</dt>
        <dd data-testid="volume-policy">{v.reclaimPolicy}</dd>
        <dt>{t('volumes.col.claim')}</dt>
        <dd className="mono" data-testid="volume-claim">
          {!v.claimRef ? (
            '—'
          ) : v.phase === 'Bound' ? (
            <Link to={detailPath(context, 'persistentvolumeclaims', v.claimRef.namespace, v.claimRef.name)}>{claim}</Link>
          ) : (
            <>
              {claim} <span className="muted">({t('volumes.claimGone')})</span>
            </>
          )}
        </dd>
        <dt>{t('volumes.col.class')}</dt>
        <dd className="mono">{v.storageClass ?? '—'}</dd>
        <dt>{t('volumes.col.source')}</dt>
        <dd className="mono" data-testid="volume-source">
          {[v.source.type, v.source.detail].filter(Boolean).join(': ') || '—'}
        </dd>
        <dt>{t('volumes.col.nodes')}</dt>
        <dd className="mono">{v.nodeAffinity.join(' | ') || t('volumes.anyNode')}</dd>
        <dt>{t('volume.provisionedBy')}</dt>
        <dd className="mono">{v.provisionedBy ?? t('volume.byHand')}</dd>
        <dt>{t('claim.volumeMode')}</dt>
        <dd>{v.volumeMode}</dd>
        {v.message && (
          <>
            <dt>{t('volume.message')}</dt>
            <dd>
              {v.reason ? `${v.reason}: ` : ''}
              {v.message}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
