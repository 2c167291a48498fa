/**
 * A phrase worded in the reader's language, with the cluster's own data in `data-raw` spans:
 * they stay as the cluster wrote them, and a reader (or a test) can tell them from our words.
 */
import { Fragment, type ReactNode } from 'react';
import { useT } from './I18nProvider.tsx';
import { isList, isRaw, JOIN_KEYS, numberVars, type Phrase, type PhraseVar } from './phrase.ts';
import { RichText } from './RichText.tsx';
import type { Translate } from './translate.ts';

/** Cluster data as the pages mark it. */
export function Raw({ children }: { children: ReactNode }) {
  return (
    <span className="raw" data-raw="">
      {children}
    </span>
  );
}

function renderVar(v: PhraseVar, t: Translate): ReactNode {
  if (typeof v === 'number') return String(v);
  if (isRaw(v)) return <Raw>{v.raw}</Raw>;
  if (isList(v)) {
    const separator = t(JOIN_KEYS[v.join]);
    return v.list.map((item, i) => (
      <Fragment key={i}>
        {i > 0 && separator}
        {renderVar(item, t)}
      </Fragment>
    ));
  }
  return renderPhrase(v, t);
}

export function renderPhrase(p: Phrase, t: Translate): ReactNode {
  // Numbers go through `t`; data and nested phrases stay placeholders for RichText to fill.
  const parts = Object.fromEntries(Object.entries(p.vars ?? {}).flatMap(([name, v]) => (typeof v === 'number' ? [] : [[name, renderVar(v, t)]])));
  return <RichText text={t(p.key, numberVars(p))} parts={parts} />;
}

export function PhraseText({ phrase }: { phrase: Phrase }) {
  const t = useT();
  return <>{renderPhrase(phrase, t)}</>;
}
