/** Where a claim's storage comes from: its class, its volume, and whether the volume was provisioned for it. */
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { needsBoundByControllerNote, provisioningSentence } from './claimExplanation.ts';
import './storage.css';

export function ClaimClassAndVolume({ detail }: { detail: ClaimDetail }) {
  const t = useT();
  const cls = detail.storageClass;
  const vol = detail.volume;
  return (
    <section className="panel" aria-labelledby="claim-storage-title">
      <h2 id="claim-storage-title" className="panel__title">
        {t('claim.storage')}
      </h2>
      <dl className="facts" data-testid="claim-class">
        <dt>{t('claim.class')}</dt>
        <dd>
          {!cls ? (
            <span className="muted">{t('claim.classNone')}</span>
          ) : (
            <>
              <span className="mono" data-testid="claim-class-name">
                {cls.name}
              </span>
              {cls.isDefault && <span className="muted"> ({t('claim.classDefault')})</span>}
              <div className="muted" data-testid="claim-class-from" data-from={cls.from}>
                {cls.from === 'betaAnnotation' ? t('claim.classFromAnnotation') : t('claim.classFromSpec')}
              </div>
              {!cls.found && <div className="tone tone--bad">{t('claim.classMissing', { name: cls.name })}</div>}
            </>
          )}
        </dd>
        {cls?.found && (
          <>
            <dt>{t('claim.provisioner')}</dt>
            <dd className="mono">{cls.provisioner}</dd>
            <dt>{t('claim.bindingMode')}</dt>
            <dd data-testid="claim-binding-mode">{cls.volumeBindingMode}</dd>
            <dt>{t('claim.reclaimPolicy')}</dt>
            <dd>{cls.reclaimPolicy}</dd>
            <dt>{t('claim.expansion')}</dt>
            <dd>{cls.allowVolumeExpansion ? t('claim.expansionYes') : t('claim.expansionNo')}</dd>
          </>
        )}
      </dl>
      <h3 className="container__name">{t('claim.volume')}</h3>
      <dl className="facts" data-testid="claim-volume">
        <dt>{t('claim.volumeName')}</dt>
        <dd>
          {!vol ? (
            <span className="muted">{t('claim.volumeNone')}</span>
          ) : vol.found ? (
            <span className="mono" data-testid="claim-volume-name">
              {vol.name}
            </span>
          ) : (
            <span className="tone tone--bad">{t('claim.volumeMissing', { name: vol.name })}</span>
          )}
        </dd>
        {vol?.found && (
          <>
            <dt>{t('claim.capacity')}</dt>
            <dd className="mono">{vol.capacity}</dd>
            <dt>{t('claim.reclaimPolicy')}</dt>
            <dd>{vol.reclaimPolicy}</dd>
            <dt>{t('claim.volumeSource')}</dt>
            <dd className="mono">{[vol.sourceType, vol.source].filter(Boolean).join(': ')}</dd>
            <dt>{t('claim.volumePhase')}</dt>
            <dd>{vol.phase}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function ClaimProvisioning({ detail }: { detail: ClaimDetail }) {
  const t = useT();
  const mode = provisioningSentence(detail);
  return (
    <section className="panel" aria-labelledby="claim-provisioning-title" data-testid="claim-provisioning" data-mode={detail.provisioning.mode}>
      <h2 id="claim-provisioning-title" className="panel__title">
        {t('claim.provisioning')}
      </h2>
      <p data-testid="claim-provisioning-sentence">{t(mode.key, mode.vars)}</p>
      {detail.provisioning.binding && (
        <p data-testid="claim-binding" data-binding={detail.provisioning.binding}>
          {t(`claim.binding.${detail.provisioning.binding}`, { volume: detail.volume?.name ?? '' })}
        </p>
      )}
      {needsBoundByControllerNote(detail) && <p className="muted">{t('claim.boundByControllerNote')}</p>}
      <h3 className="container__name">{t('claim.annotations')}</h3>
      {detail.annotations.length === 0 ? (
        <p className="muted">{t('claim.annotationsNone')}</p>
      ) : (
        <table className="grid" data-testid="claim-annotations">
          <thead>
            <tr>
              <th>{t('claim.col.on')}</th>
              <th>{t('claim.col.key')}</th>
              <th>{t('claim.col.value')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.annotations.map((a) => (
              <tr key={`${a.on}/${a.key}`}>
                <td>{a.on === 'claim' ? t('claim.on.claim') : t('claim.on.volume')}</td>
                <td className="mono">{a.key}</td>
                <td className="mono">{a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
