/** A pod's containers: current state, last termination (reason and exit code), restarts, and the spec facts. */
import type { ContainerStateView, PodContainerDetail } from '../../../../server/views/workloads/podDetail.ts';
import { Age } from '../../components/Age.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { Raw } from '../../i18n/PhraseText.tsx';
import { ContainerFacts } from '../workloads/ContainersSection.tsx';

function StateText({ s }: { s: ContainerStateView }) {
  const tone = s.state === 'unknown' ? 'muted' : s.state === 'running' ? 'ok' : s.state === 'terminated' && s.exitCode === 0 ? 'muted' : s.state === 'waiting' && !/BackOff|Err|Invalid/.test(s.reason ?? '') ? 'progress' : 'bad';
  return (
    <span className={`tone tone--${tone}`}>
      {s.state}
      {s.reason && ` · ${s.reason}`}
      {s.exitCode !== undefined && ` · exit ${s.exitCode}`}
      {s.signal !== undefined && ` · signal ${s.signal}`}
      {s.startedAt && s.state === 'running' && (
        <span className="muted">
          {' '}
          (<Age since={s.startedAt} />)
        </span>
      )}
      {s.message && (
        <span className="muted">
          {' — '}
          <Raw>{s.message}</Raw>
        </span>
      )}
    </span>
  );
}

export function PodContainers({ containers }: { containers: readonly PodContainerDetail[] }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="pod-containers-title">
      <h2 id="pod-containers-title" className="panel__title">
        {t('containers.title')}
      </h2>
      {containers.map((c) => (
        <article key={c.name} className="container" data-testid={`pod-container-${c.name}`}>
          <h3 className="container__name">
            {c.name} <span className="muted">({t(`containers.role.${c.role}`)})</span>{' '}
            <span className={`tone tone--${c.ready ? 'ok' : 'progress'}`}>{t(c.ready ? 'pod.ready' : 'pod.notReady')}</span>
          </h3>
          <ContainerFacts
            c={c}
            extra={
              <>
                <dt>{t('pod.state')}</dt>
                <dd data-testid="container-state">
                  <StateText s={c.current} />
                </dd>
                <dt>{t('pod.restarts')}</dt>
                <dd>{c.restartCount}</dd>
                {c.lastTermination && (
                  <>
                    <dt>{t('pod.lastTermination')}</dt>
                    <dd data-testid="last-termination">
                      <StateText s={c.lastTermination} />
                      {c.lastTermination.finishedAt && (
                        <span className="muted">
                          {' '}
                          (<Age since={c.lastTermination.finishedAt} />)
                        </span>
                      )}
                    </dd>
                  </>
                )}
              </>
            }
          />
        </article>
      ))}
    </section>
  );
}
