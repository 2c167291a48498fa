/** Who owns an object (its ownerReferences, linked) and what it owns (objects of its namespace naming its uid). */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { KubeObject, OwnerReference } from '../../../../server/kube/object.ts';
import { kindEntry } from '../../../../server/kube/kinds.ts';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { useDiscoveredResources, type DiscoveredResource } from '../../api/discovery.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { resourceApi } from './resourceApi.ts';

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The resource a reference names, by its group and Kind, from what discovery serves. */
function byKind(resources: readonly DiscoveredResource[] | undefined, apiVersion: string, kind: string): DiscoveredResource | undefined {
  return resources?.find((r) => r.kind === kind && r.group === groupOf(apiVersion));
}

export function OwnerLinks({ context, namespace, owners }: { context: string; namespace?: string; owners: readonly OwnerReference[] }) {
  const t = useT();
  const { resources } = useDiscoveredResources(context);
  if (owners.length === 0) return <span className="muted">{t('resources.detail.ownersNone')}</span>;
  return (
    <ul className="plain-list" data-testid="object-owners">
      {owners.map((o) => {
        const r = byKind(resources, o.apiVersion, o.kind);
        const label = `${o.kind}/${o.name}`;
        return (
          <li key={o.uid}>
            {r ? (
              <Link className="mono" to={objectHref(context, { group: r.group, plural: r.plural, ...(r.namespaced && namespace ? { namespace } : {}), name: o.name })}>
                {label}
              </Link>
            ) : (
              <span className="mono">{label}</span>
            )}
            {o.controller && <span className="muted"> ({t('resources.detail.controller')})</span>}
          </li>
        );
      })}
    </ul>
  );
}

interface Owned {
  resource: DiscoveredResource;
  object: KubeObject;
}

/**
 * Objects whose ownerReferences name `uid`. Owners and dependents share a namespace (the garbage
 * collector requires it), so this reads the namespace's objects of the kinds the console knows,
 * metadata only, once per page visit.
 */
export function OwnedObjects({ context, namespace, uid }: { context: string; namespace: string; uid: string }) {
  const t = useT();
  const { resources } = useDiscoveredResources(context);
  const [state, setState] = useState<{ owned?: Owned[]; error?: StatusBody }>({});
  useEffect(() => {
    if (!resources) return;
    const abort = new AbortController();
    const candidates = resources.filter((r) => r.namespaced && r.canList && r.verbs.includes('list') && kindEntry(r.key));
    Promise.all(
      candidates.map((r) =>
        resourceApi.metadataIn(context, r, namespace, abort.signal).then(
          (items) => items.filter((o) => o.metadata.ownerReferences?.some((ref) => ref.uid === uid)).map((object) => ({ resource: r, object })),
          // A kind the user may not read here just contributes nothing.
          (err: unknown) => (toStatus(err).code === 403 ? [] : Promise.reject(err)),
        ),
      ),
    ).then(
      (found) => setState({ owned: found.flat() }),
      (err: unknown) => !abort.signal.aborted && setState({ error: toStatus(err) }),
    );
    return () => abort.abort();
  }, [resources, context, namespace, uid]);
  return (
    <section className="panel" aria-labelledby="resource-owned-title">
      <h2 id="resource-owned-title" className="panel__title">
        {t('resources.detail.owned')}
      </h2>
      {state.error ? (
        <StatusMessage status={state.error} context={context} />
      ) : !state.owned ? (
        <p className="muted">{t('resources.detail.ownedLoading')}</p>
      ) : state.owned.length === 0 ? (
        <p className="muted">{t('resources.detail.ownedNone')}</p>
      ) : (
        <ul className="plain-list" data-testid="object-owned">
          {state.owned.map(({ resource, object }) => (
            <li key={object.metadata.uid}>
              <Link className="mono" to={objectHref(context, { group: resource.group, plural: resource.plural, namespace, name: object.metadata.name ?? '' })}>
                {resource.kind}/{object.metadata.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
