/** Picks the cluster context; unreachable contexts stay selectable but are marked (the view then explains). */
import { useNavigate, useLocation } from 'react-router';
import type { ContextInfo } from '../api/contexts.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { carriedSearch, viewPath } from './selection.ts';

export function ContextSwitcher({ contexts, context, view }: { contexts: readonly ContextInfo[]; context: string; view: string }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const known = contexts.some((c) => c.name === context);
  const current = contexts.find((c) => c.name === context);
  return (
    <label className={`field context-switcher${current && !current.reachable ? ' context-switcher--unreachable' : ''}`}>
      <span className="field__label">{t('context.label')}</span>
      <select
        value={context}
        data-testid="context-switcher"
        onChange={(e) => navigate(viewPath(e.target.value, view) + carriedSearch(new URLSearchParams(location.search)))}
      >
        {!known && <option value={context}>{context}</option>}
        {contexts.map((c) => (
          <option key={c.name} value={c.name} data-reachable={c.reachable} title={c.error ?? c.server}>
            {c.reachable ? c.name : t('context.unreachable', { name: c.name })}
          </option>
        ))}
      </select>
    </label>
  );
}
