/**
 * A Secret's data: its keys and sizes; a value is fetched only when its Reveal is pressed, kept
 * in this component's state alone (never in a URL, storage or log), and dropped on Hide.
 */
import { useCallback, useState } from 'react';
import type { RevealedKey } from '../../../../server/actions/referencesSecretData.ts';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { referencesApi } from './referencesApi.ts';
import { useTableSignal } from './useTableSignal.ts';
import './references.css';

export function SecretDataSection({ context, namespace = '', name }: { context: string; namespace?: string; name: string }) {
  const t = useT();
  const signal = useTableSignal(context, namespace, 'secrets');
  const load = useCallback((abort: AbortSignal) => referencesApi.secretKeys(context, namespace, name, abort), [context, namespace, name]);
  const { detail, error } = useRefreshingFetch(load, signal, `${context}/${namespace}/${name}`);
  const [shown, setShown] = useState<Readonly<Record<string, RevealedKey>>>({});
  const [revealError, setRevealError] = useState<StatusBody>();

  const reveal = (key: string) => {
    setRevealError(undefined);
    referencesApi.reveal(context, namespace, name, key).then(
      (v) => setShown((s) => ({ ...s, [key]: v })),
      (err: unknown) => setRevealError(toStatus(err)),
    );
  };
  const hide = (key: string) =>
    setShown((s) => {
      const { [key]: _dropped, ...rest } = s;
      return rest;
    });

  return (
    <section className="panel" aria-labelledby="secret-data-title" data-testid="secret-data">
      <h2 id="secret-data-title" className="panel__title">
        {t('secret.title')}
      </h2>
      {error && <StatusMessage status={error} context={context} />}
      {revealError && <StatusMessage status={revealError} context={context} />}
      {!detail ? (
        !error && <p className="muted">{t('secret.loading')}</p>
      ) : detail.keys.length === 0 ? (
        <p className="muted">{t('secret.none')}</p>
      ) : (
        <table className="grid references">
          <thead>
            <tr>
              <th>{t('secret.col.key')}</th>
              <th>{t('secret.col.size')}</th>
              <th>{t('secret.col.value')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.keys.map(({ key, bytes }) => {
              const value = shown[key];
              return (
                <tr key={key} data-testid="secret-key" data-key={key} data-revealed={value !== undefined}>
                  <td className="mono">{key}</td>
                  <td>{t('secret.bytes', { count: bytes })}</td>
                  <td>
                    {value ? (
                      <>
                        <pre className="mono secret-data__value" data-testid="secret-value">
                          {value.value}
                        </pre>
                        {value.encoding === 'base64' && <span className="muted">{t('secret.base64')}</span>}{' '}
                        <button type="button" className="button" data-testid="secret-hide" onClick={() => hide(key)}>
                          {t('secret.hide')}
                        </button>
                      </>
                    ) : (
                      <>
                        <span className="muted">{t('secret.hidden')}</span>{' '}
                        <button type="button" className="button" data-testid="secret-reveal" onClick={() => reveal(key)}>
                          {t('secret.reveal')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
