/** The text filter above a list, bound to the URL's `q` by the page. */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

export function FilterBox({ value, onChange, placeholder }: { value: string; onChange(value: string): void; placeholder: string }) {
  const t = useT();
  const id = useId();
  // The box shows what was typed at once; the URL (and so `value`) follows a render later, and
  // on a long list that render takes longer than a keystroke. Taking `value` back while the
  // box has focus would drop the keys typed in between, so it is taken only from elsewhere
  // (Back, a link) or when the box loses focus.
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (document.activeElement !== input.current) setText(value);
  }, [value]);
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
        ref={input}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
        onBlur={() => setText(value)}
        autoComplete="off"
        spellCheck={false}
        data-testid="filter"
      />
    </div>
  );
}
