/**
 * The orphan filter is one filter over two kinds: with it on, the claims list also names the
 * Released volumes and the volumes list the claims no pod uses, each linked to its page.
 */
import { Link } from 'react-router';
import type { ClaimRow } from '../../../../server/views/storage/claimRow.ts';
import type { VolumeRow } from '../../../../server/views/storage/volumeRow.ts';
import { useLiveList } from '../../api/live.ts';
import { detailPath, objectHref } from '../../app/objectLinks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

interface Props {
  context: string;
  namespaces: readonly string[];
  toggled: boolean;
}

export function ReleasedVolumesNote({ context, toggled }: Props) {
  if (!toggled) return null;
  return <ReleasedVolumes context={context} />;
}

function ReleasedVolumes({ context }: { context: string }) {
  const t = useT();
  const volumes = useLiveList<VolumeRow>('persistentvolumes', context, []);
  const released = volumes.rows.filter((v) => v.reclaimable).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel orphans" data-testid="orphan-volumes">
      <h2 className="panel__title">{t('storage.orphanVolumes', { count: released.length })}</h2>
      {released.length === 0 ? (
        <p className="muted">{t('storage.orphanVolumesNone')}</p>
      ) : (
        <ul className="orphans__list">
          {released.map((v) => (
            <li key={v.key}>
              <Link className="mono" to={objectHref(context, { group: '', plural: 'persistentvolumes', name: v.name })}>
                {v.name}
              </Link>{' '}
              <span className="muted">{t(`volume.reclaim.short.${v.reclaimPolicy}`, { claim: v.claimRef ? `${v.claimRef.namespace}/${v.claimRef.name}` : '—' })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OrphanClaimsNote({ context, namespaces, toggled }: Props) {
  if (!toggled) return null;
  return <OrphanClaims context={context} namespaces={namespaces} />;
}

function OrphanClaims({ context, namespaces }: { context: string; namespaces: readonly string[] }) {
  const t = useT();
  const claims = useLiveList<ClaimRow>('persistentvolumeclaims', context, [...namespaces]);
  const orphans = claims.rows.filter((c) => c.orphan).sort((a, b) => a.key.localeCompare(b.key));
  return (
    <section className="panel orphans" data-testid="orphan-claims">
      <h2 className="panel__title">{t('storage.orphanClaims', { count: orphans.length })}</h2>
      {orphans.length === 0 ? (
        <p className="muted">{t('storage.orphanClaimsNone')}</p>
      ) : (
        <ul className="orphans__list">
          {orphans.map((c) => (
            <li key={c.key}>
              <Link className="mono" to={detailPath(context, 'persistentvolumeclaims', c.namespace, c.name)}>
                {c.namespace}/{c.name}
              </Link>{' '}
              <span className="muted">
                {c.status}
                {c.capacity ? ` · ${c.capacity}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
