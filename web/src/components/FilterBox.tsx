/** The text filter above a list, bound to the URL's `q` by the page. */
import { useId } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

export function FilterBox({ value, onChange, placeholder }: { value: string; onChange(value: string): void; placeholder: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id} className="visually-hidden">
        {t('filter.label')}
      </label>
      <input
        id={id}
        type="search"
        className="filter__input"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        data-testid="filter"
      />
    </div>
  );
}
