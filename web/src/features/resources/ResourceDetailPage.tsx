/**
 * The page of any object the cluster serves, at `/c/{context}/k/{resource}/{ns}/{name}` (or
 * `…/{name}` when cluster-scoped): metadata, labels and annotations, owners and what it owns,
 * conditions, events, YAML and delete. Kinds add their own sections after the overview.
 * Live: the object is read again whenever its row in the resource's live Table changes.
 */
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { KubeObject } from '../../../../server/kube/object.ts';
import type { TableRow } from '../../../../server/views/table/tableView.ts';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import type { DiscoveredResource } from '../../api/discovery.ts';
import { useLiveList } from '../../api/live.ts';
import { listHref } from '../../app/objectLinks.ts';
import { Age } from '../../components/Age.tsx';
import { ConditionsTable, type Condition } from '../../components/ConditionsTable.tsx';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { DeleteDialog } from '../workloads/DeleteDialog.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { OwnedObjects, OwnerLinks } from './Ownership.tsx';
import { resourceApi, type ObjectTarget } from './resourceApi.ts';
import { useResource } from './useResource.ts';
import '../workloads/workloads.css';
import './resources.css';

export type DetailSection = ComponentType<{ context: string; namespace?: string; name: string }>;

export function ResourceDetailPage({ sections = [] }: { sections?: readonly DetailSection[] }) {
  const t = useT();
  const { context = '', resource: key = '', ns, name = '' } = useParams();
  const { resource, unknown, error } = useResource(context, key);
  if (resource) return <ResourceDetail key={`${resource.key}/${ns ?? ''}/${name}`} resource={resource} namespace={ns} name={name} sections={sections} />;
  const bar = (
    <div className="page__bar">
      <h1 className="page__title mono">
        {key} / {name}
      </h1>
    </div>
  );
  return (
    <section className="page detail">
      {bar}
      {error ? <StatusMessage status={error} context={context} /> : <p className="muted">{unknown ? t('resources.unknown', { resource: key }) : t('resources.loading')}</p>}
    </section>
  );
}

/** The object, read again whenever its live row's resourceVersion moves (or it disappears). */
function useLiveObject(target: ObjectTarget, resource: DiscoveredResource): { object?: KubeObject; error?: StatusBody } {
  const params = useMemo(() => ({ group: resource.group, version: resource.version, plural: resource.plural }), [resource]);
  const rows = useLiveList<TableRow>('table', target.context, target.namespace ? [target.namespace] : [], params);
  const rowKey = target.namespace ? `${target.namespace}/${target.name}` : target.name;
  const row = rows.rows.find((r) => r.key === rowKey);
  const signal = rows.status === 'live' ? (row?.resourceVersion ?? 'absent') : 'waiting';
  const [state, setState] = useState<{ object?: KubeObject; error?: StatusBody }>({});
  useEffect(() => {
    const abort = new AbortController();
    resourceApi.get(target, abort.signal).then(
      (object) => setState({ object }),
      (err: unknown) => !abort.signal.aborted && setState((s) => ({ object: s.object, error: toStatus(err) })),
    );
    return () => abort.abort();
  }, [target, signal]);
  return state;
}

function ResourceDetail({ resource, namespace, name, sections }: { resource: DiscoveredResource; namespace?: string; name: string; sections: readonly DetailSection[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { context = '' } = useParams();
  const target = useMemo<ObjectTarget>(() => ({ context, resource, namespace: resource.namespaced ? namespace : undefined, name }), [context, resource, namespace, name]);
  const { object, error } = useLiveObject(target, resource);
  const [deleting, setDeleting] = useState(false);
  const list = listHref(context, resource);
  const onDeleted = useCallback(() => navigate(list), [navigate, list]);
  const events = useMemo(() => [`${resource.kind}/${name}`], [resource.kind, name]);

  const bar = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={list}>{resource.kind}</Link> / <span className="mono">{name}</span> {target.namespace && <span className="muted">({target.namespace})</span>}
      </h1>
      {object && resource.verbs.includes('delete') && (
        <button type="button" className="button button--danger" onClick={() => setDeleting(true)} data-testid="delete-open">
          {t('resources.detail.delete')}
        </button>
      )}
    </div>
  );
  if (!object) return <DetailPending bar={bar} error={error} context={context} />;
  const meta = object.metadata;
  const conditions = Array.isArray(object.status?.conditions) ? (object.status.conditions as Condition[]) : undefined;
  return (
    <section className={`page detail${isGone(error, object) ? ' detail--gone' : ''}`} data-testid="resource-detail">
      {bar}
      <DetailError error={error} context={context} kind={resource.kind} name={name} back={{ to: list, label: t('resources.detail.backToList', { resource: resource.key }) }} />
      {deleting && (
        <DeleteDialog
          target={{ context, kind: resource.plural, namespace: target.namespace ?? '', name }}
          seen={{ uid: meta.uid, resourceVersion: meta.resourceVersion }}
          dependents="objects"
          remove={(policy) => resourceApi.remove(target, { uid: meta.uid, resourceVersion: meta.resourceVersion }, policy)}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
      <section className="panel" aria-labelledby="resource-metadata-title">
        <h2 id="resource-metadata-title" className="panel__title">
          {t('resources.detail.metadata')}
        </h2>
        <dl className="facts">
          <dt>{t('resources.detail.name')}</dt>
          <dd className="mono">{meta.name}</dd>
          {meta.namespace && (
            <>
              <dt>{t('resources.detail.namespace')}</dt>
              <dd className="mono">{meta.namespace}</dd>
            </>
          )}
          <dt>{t('resources.detail.uid')}</dt>
          <dd className="mono">{meta.uid}</dd>
          <dt>{t('resources.detail.created')}</dt>
          <dd>
            <Age since={meta.creationTimestamp} /> <span className="muted mono">{meta.creationTimestamp}</span>
          </dd>
          <dt>{t('resources.detail.resourceVersion')}</dt>
          <dd className="mono">{meta.resourceVersion}</dd>
          <dt>{t('resources.detail.labels')}</dt>
          <dd>
            <KeyValues values={meta.labels} testId="object-labels" />
          </dd>
          <dt>{t('resources.detail.annotations')}</dt>
          <dd>
            <KeyValues values={meta.annotations} testId="object-annotations" />
          </dd>
          <dt>{t('resources.detail.owners')}</dt>
          <dd>
            <OwnerLinks context={context} namespace={meta.namespace} owners={meta.ownerReferences ?? []} />
          </dd>
        </dl>
      </section>
      {sections.map((Section, i) => (
        <Section key={i} context={context} namespace={target.namespace} name={name} />
      ))}
      {conditions && conditions.length > 0 && (
        <section className="panel" aria-labelledby="resource-conditions-title">
          <h2 id="resource-conditions-title" className="panel__title">
            {t('resources.detail.conditions')}
          </h2>
          <ConditionsTable conditions={conditions} />
        </section>
      )}
      {meta.namespace && meta.uid && <OwnedObjects context={context} namespace={meta.namespace} uid={meta.uid} />}
      {meta.namespace && <EventsSection context={context} namespace={meta.namespace} names={events} />}
      <LazyYamlSection target={{ context, kind: resource, namespace: target.namespace, name }} liveVersion={meta.resourceVersion} />
    </section>
  );
}

function KeyValues({ values, testId }: { values: Record<string, string> | undefined; testId: string }) {
  const t = useT();
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <span className="muted">{t('resources.detail.none')}</span>;
  return (
    <ul className="plain-list mono" data-testid={testId}>
      {entries.map(([k, v]) => (
        <li key={k}>
          {k}={v}
        </li>
      ))}
    </ul>
  );
}
