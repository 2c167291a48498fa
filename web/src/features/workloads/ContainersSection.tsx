/** The containers of a template or pod: image, ports, resources, probes, env (secret references only), mounts. */
import type { ReactNode } from 'react';
import type { ContainerView, EnvView } from '../../../../server/views/workloads/containerView.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

function envValue(e: EnvView, secret: string): string {
  if (e.secretKeyRef) return `${secret} ${e.secretKeyRef.name}/${e.secretKeyRef.key}`;
  if (e.configMapKeyRef) return `configMap ${e.configMapKeyRef.name}/${e.configMapKeyRef.key}`;
  if (e.fieldRef) return `fieldRef ${e.fieldRef}`;
  if (e.resourceFieldRef) return `resourceFieldRef ${e.resourceFieldRef}`;
  return e.value ?? '';
}

function probeText(p: unknown): string {
  if (!p || typeof p !== 'object') return '';
  const probe = p as { httpGet?: { path?: string; port?: unknown }; tcpSocket?: { port?: unknown }; exec?: { command?: string[] }; grpc?: { port?: unknown }; initialDelaySeconds?: number; periodSeconds?: number };
  const how = probe.httpGet
    ? `GET ${probe.httpGet.path ?? '/'} :${String(probe.httpGet.port)}`
    : probe.tcpSocket
      ? `tcp :${String(probe.tcpSocket.port)}`
      : probe.exec
        ? `exec ${(probe.exec.command ?? []).join(' ')}`
        : probe.grpc
          ? `grpc :${String(probe.grpc.port)}`
          : '?';
  return `${how} delay=${probe.initialDelaySeconds ?? 0}s period=${probe.periodSeconds ?? 10}s`;
}

const pairs = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export function ContainerFacts({ c, extra }: { c: ContainerView; extra?: ReactNode }) {
  const t = useT();
  const probes = (['readiness', 'liveness', 'startup'] as const).filter((k) => c.probes[k]);
  return (
    <dl className="facts" data-testid={`container-${c.name}`}>
      <dt>{t('containers.image')}</dt>
      <dd className="mono">{c.image}</dd>
      {extra}
      {c.ports.length > 0 && (
        <>
          <dt>{t('containers.ports')}</dt>
          <dd className="mono">{c.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.containerPort}/${p.protocol}`).join(', ')}</dd>
        </>
      )}
      <dt>{t('containers.resources')}</dt>
      <dd className="mono">
        {t('containers.requests')} {pairs(c.resources.requests) || '—'}; {t('containers.limits')} {pairs(c.resources.limits) || '—'}
      </dd>
      {probes.map((k) => (
        <div key={k} className="facts__pair">
          <dt>{t(`containers.probe.${k}`)}</dt>
          <dd className="mono">{probeText(c.probes[k])}</dd>
        </div>
      ))}
      {(c.env.length > 0 || c.envFrom.length > 0) && (
        <>
          <dt>{t('containers.env')}</dt>
          <dd>
            <ul className="plain mono">
              {c.env.map((e) => (
                <li key={e.name} className={e.secretKeyRef ? 'secret-ref' : undefined}>
                  {e.name} = {envValue(e, t('containers.fromSecret'))}
                </li>
              ))}
              {c.envFrom.map((f, i) => (
                <li key={`from-${i}`}>{f.secret ? `${t('containers.allFromSecret')} ${f.secret}` : `${t('containers.allFromConfigMap')} ${f.configMap ?? ''}`}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {c.mounts.length > 0 && (
        <>
          <dt>{t('containers.mounts')}</dt>
          <dd className="mono">{c.mounts.map((m) => `${m.name} → ${m.mountPath}${m.readOnly ? ' (ro)' : ''}`).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

/** Each container with its facts and, on a workload, the set-image form under it. */
export function ContainersSection({ containers, action }: { containers: readonly ContainerView[]; action?: (c: ContainerView) => ReactNode }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="containers-title">
      <h2 id="containers-title" className="panel__title">
        {t('containers.title')}
      </h2>
      {containers.map((c) => (
        <article key={c.name} className="container">
          <h3 className="container__name">
            {c.name} <span className="muted">({t(`containers.role.${c.role}`)})</span>
          </h3>
          <ContainerFacts c={c} />
          {action?.(c)}
        </article>
      ))}
    </section>
  );
}
