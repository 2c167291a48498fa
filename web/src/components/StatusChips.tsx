/** Status filter chips above a list: each shows its count and toggles; none selected = all rows. */
import { useT } from '../i18n/I18nProvider.tsx';

export interface Chip {
  value: string;
  label: string;
  count: number;
  tone: 'ok' | 'progress' | 'bad' | 'muted';
}

export function StatusChips({ chips, selected, onChange }: { chips: readonly Chip[]; selected: readonly string[]; onChange(next: string[]): void }) {
  const t = useT();
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <div className="chips" role="group" aria-label={t('chips.label')}>
      {chips.map((c) => (
        <button
          key={c.value}
          type="button"
          className={`chip chip--${c.tone}`}
          aria-pressed={selected.includes(c.value)}
          data-testid={`chip-${c.value}`}
          onClick={() => toggle(c.value)}
        >
          {c.label} <span className="chip__count">{c.count}</span>
        </button>
      ))}
    </div>
  );
}
