/**
 * Choosing where a terminal opens: namespace, pod (all of the namespace, or a workload's),
 * container (init, app and ephemeral; non-running ones disabled with the reason), exec or
 * attach, and an optional command.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { V1LabelSelector, V1Namespace, V1Pod } from '@kubernetes/client-node';
import { ApiError } from '../../api/apiError.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { k8sUrl } from '../../api/urls.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { containerOptions, defaultContainer } from './containerOptions.ts';
import { selectorString, workloadPath } from './workloadPods.ts';

export interface PickedTarget {
  namespace: string;
  pod: string;
  container: string;
  mode: 'exec' | 'attach';
  command: string;
}

interface Props {
  context: string;
  initial: { namespace?: string; pod?: string; container?: string; workload?: string; mode?: 'exec' | 'attach'; command?: string };
  onOpen(target: PickedTarget): void;
  /** Open the preselected pod's default container as soon as it is known (a link from a pod without a container). */
  autoOpen?: boolean;
}

async function loadPods(context: string, namespace: string, workload: string | undefined): Promise<V1Pod[]> {
  let query = '';
  const path = workload ? workloadPath(namespace, workload) : undefined;
  if (path) {
    const owner = await fetchJson<{ spec?: { selector?: V1LabelSelector } }>(k8sUrl(context, path));
    query = `?labelSelector=${encodeURIComponent(selectorString(owner.spec?.selector))}`;
  }
  const list = await fetchJson<{ items: V1Pod[] }>(k8sUrl(context, `api/v1/namespaces/${encodeURIComponent(namespace)}/pods${query}`));
  return list.items.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

export function TargetPicker({ context, initial, onOpen, autoOpen }: Props) {
  const t = useT();
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [namespace, setNamespace] = useState(initial.namespace ?? 'default');
  const [workload, setWorkload] = useState(initial.workload);
  const [pods, setPods] = useState<V1Pod[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [podName, setPodName] = useState(initial.pod ?? '');
  const [container, setContainer] = useState(initial.container ?? '');
  const [mode, setMode] = useState<'exec' | 'attach'>(initial.mode ?? 'exec');
  const [command, setCommand] = useState(initial.command ?? '');

  useEffect(() => {
    fetchJson<{ items: V1Namespace[] }>(k8sUrl(context, 'api/v1/namespaces')).then(
      (l) => setNamespaces(l.items.map((n) => n.metadata?.name ?? '').sort()),
      () => setNamespaces([]),
    );
  }, [context]);

  useEffect(() => {
    let live = true;
    setPods(undefined);
    setError(undefined);
    loadPods(context, namespace, workload).then(
      (items) => live && setPods(items),
      (err: unknown) => live && setError(err instanceof ApiError ? err : undefined),
    );
    return () => {
      live = false;
    };
  }, [context, namespace, workload]);

  const pod = pods?.find((p) => p.metadata?.name === podName) ?? (pods?.length === 1 ? pods[0] : undefined);
  const options = useMemo(() => (pod ? containerOptions(pod) : []), [pod]);
  const chosen = pod ? (options.find((o) => o.name === container) ? container : defaultContainer(pod, options, initial.container)) : undefined;
  const option = options.find((o) => o.name === chosen);
  const canAttach = !!option?.stdin;
  const effectiveMode = mode === 'attach' && !canAttach ? 'exec' : mode;

  const autoOpened = useRef(false);
  useEffect(() => {
    if (!autoOpen || autoOpened.current || !pod?.metadata?.name || pod.metadata.name !== initial.pod || !option?.running) return;
    autoOpened.current = true;
    onOpen({ namespace, pod: pod.metadata.name, container: option.name, mode: effectiveMode, command: effectiveMode === 'exec' ? command : '' });
  }, [autoOpen, pod, option, initial.pod, namespace, effectiveMode, command, onOpen]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pod?.metadata?.name || !option?.running) return;
    onOpen({ namespace, pod: pod.metadata.name, container: option.name, mode: effectiveMode, command: effectiveMode === 'exec' ? command : '' });
  };

  return (
    <form className="terminal-picker" aria-label={t('terminal.picker')} onSubmit={submit} data-testid="terminal-picker">
      <label>
        {t('terminal.namespace')}
        <select
          value={namespace}
          onChange={(e) => {
            setNamespace(e.target.value);
            setWorkload(undefined);
            setPodName('');
          }}
        >
          {(namespaces.includes(namespace) ? namespaces : [namespace, ...namespaces]).map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label>
        {workload ? t('terminal.workloadPods', { workload }) : t('terminal.pod')}
        <select value={pod?.metadata?.name ?? ''} onChange={(e) => setPodName(e.target.value)} data-testid="terminal-pod">
          <option value="" disabled>
            {pods === undefined ? t('terminal.loadingPods') : pods.length === 0 ? t('terminal.noPods', { ns: namespace }) : t('terminal.choosePod')}
          </option>
          {pods?.map((p) => (
            <option key={p.metadata?.uid ?? p.metadata?.name} value={p.metadata?.name}>
              {p.metadata?.name} — {p.status?.phase}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('terminal.container')}
        <select value={chosen ?? ''} onChange={(e) => setContainer(e.target.value)} data-testid="terminal-container">
          {options.map((o) => (
            <option key={o.name} value={o.name} disabled={!o.running}>
              {o.running ? `${o.name} (${t(`terminal.kind.${o.kind}`)})` : t('terminal.notRunning', { name: o.name, kind: t(`terminal.kind.${o.kind}`), reason: o.reason ?? '' })}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="terminal-picker__mode">
        <legend>{t('terminal.mode')}</legend>
        <label>
          <input type="radio" name="mode" checked={effectiveMode === 'exec'} onChange={() => setMode('exec')} />
          {t('terminal.mode.exec')}
        </label>
        <label title={canAttach ? undefined : t('terminal.attachNoStdin')}>
          <input type="radio" name="mode" checked={effectiveMode === 'attach'} disabled={!canAttach} onChange={() => setMode('attach')} />
          {t('terminal.mode.attach')}
        </label>
      </fieldset>
      {effectiveMode === 'exec' && (
        <label>
          {t('terminal.command')}
          <input className="mono" value={command} placeholder={t('terminal.commandHint')} onChange={(e) => setCommand(e.target.value)} data-testid="terminal-command" />
        </label>
      )}
      <button type="submit" className="button--primary" disabled={!option?.running} data-testid="terminal-open">
        {t('terminal.open')}
      </button>
      {error && <StatusMessage status={error.status} context={context} />}
    </form>
  );
}
