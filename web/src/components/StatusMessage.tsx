/** The one error component: a Kubernetes Status as a sentence, what to do, and the field causes. */
import type { StatusBody } from '../api/apiError.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { statusSentence } from './statusSentence.ts';
import './StatusMessage.css';

export function StatusMessage({ status, context }: { status: StatusBody; context?: string }) {
  const t = useT();
  const s = statusSentence(status, t, context);
  return (
    <div className="status-message" role="alert" data-reason={status.reason} data-code={status.code}>
      <p className="status-message__what">{s.what}</p>
      {s.causes.length > 0 && (
        <ul className="status-message__causes">
          {s.causes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <p className="status-message__todo">{s.todo}</p>
      {s.serverMessage && <p className="status-message__server">{t('status.details', { message: s.serverMessage })}</p>}
    </div>
  );
}
