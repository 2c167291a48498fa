/**
 * The namespace multi-select: a button that opens a checklist of the cluster's namespaces
 * (live), with "All namespaces" on top. The selection is written to the URL by the caller.
 * A user who may not list namespaces (403) gets the namespaces they can reach instead, can
 * type more, and starts with the reachable ones selected ("all" would only be refused).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { NamespaceRow } from '../../../server/views/namespaces/namespaceRow.ts';
import { useLiveList } from '../api/live.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { useReachableNamespaces } from './useReachableNamespaces.ts';

interface Props {
  context: string;
  selected: readonly string[];
  /** Given a change from the selection as last asked for: two quick clicks both count. */
  onChange(update: (current: string[]) => string[]): void;
}

export function NamespacePicker({ context, selected, onChange }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { rows, status, error } = useLiveList<NamespaceRow>('namespaces', context);
  const cannotList = status === 'error' && error?.code === 403;
  const reach = useReachableNamespaces(context, cannotList);
  const [typed, setTyped] = useState('');
  const offered = cannotList ? (reach.result?.namespaces ?? []) : [];
  const unreachable = new Set(offered.filter((n) => !n.reachable).map((n) => n.name));
  const reachable = offered.filter((n) => n.reachable).map((n) => n.name);
  const reachableKey = reachable.join(',');

  // "All namespaces" is refused to this user: start from what they can reach.
  const selectedNone = selected.length === 0;
  useEffect(() => {
    if (cannotList && selectedNone && reachableKey) onChange(() => reachableKey.split(','));
  }, [cannotList, selectedNone, reachableKey, onChange]);

  // Namespaces named in the URL stay listed even if they do not exist (yet), so they can be unchecked.
  const listed = cannotList ? offered.map((n) => n.name) : rows.map((r) => r.name);
  const names = [...new Set([...listed, ...selected])].sort((a, b) => a.localeCompare(b));
  const all = selected.length === 0;
  const summary = all ? t('ns.all') : selected.length <= 2 ? selected.join(', ') : t('ns.count', { count: selected.length });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      // Keyboard users continue from the control that opened the list.
      if (root.current?.contains(document.activeElement)) button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = (name: string) => onChange((current) => (current.includes(name) ? current.filter((n) => n !== name) : [...current, name]));

  return (
    <div className="field ns-picker" ref={root}>
      <span className="field__label" id={`${panelId}-label`}>
        {t('ns.label')}
      </span>
      <button
        ref={button}
        type="button"
        className="ns-picker__button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        data-testid="namespace-picker"
        onClick={() => setOpen((o) => !o)}
      >
        <span id={`${panelId}-value`}>{summary}</span>
        <span aria-hidden="true" className="ns-picker__caret">
          ▾
        </span>
      </button>
      {open && (
        <fieldset className="ns-picker__panel" id={panelId}>
          <legend className="visually-hidden">{t('ns.label')}</legend>
          {cannotList ? (
            <p className="ns-picker__note" data-testid="ns-cannot-list">
              {t('ns.cannotList')}
            </p>
          ) : (
            <label className="ns-picker__option ns-picker__option--all">
              <input type="checkbox" checked={all} onChange={() => onChange(() => [])} />
              {t('ns.all')}
            </label>
          )}
          {status === 'loading' && names.length === 0 && <p className="ns-picker__note">{t('ns.loading')}</p>}
          {status !== 'loading' && names.length === 0 && <p className="ns-picker__note">{t('ns.none')}</p>}
          {names.map((name) => (
            <label key={name} className="ns-picker__option">
              <input type="checkbox" checked={selected.includes(name)} onChange={() => toggle(name)} />
              {name}
              {unreachable.has(name) && <span className="muted"> ({t('ns.unreachable')})</span>}
            </label>
          ))}
          {cannotList && (
            <div className="ns-picker__add">
              <input
                aria-label={t('ns.add')}
                placeholder={t('ns.add')}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  reach.add(typed);
                  setTyped('');
                }}
                data-testid="ns-add"
              />
              <button
                type="button"
                onClick={() => {
                  reach.add(typed);
                  setTyped('');
                }}
              >
                {t('ns.addButton')}
              </button>
            </div>
          )}
        </fieldset>
      )}
    </div>
  );
}
