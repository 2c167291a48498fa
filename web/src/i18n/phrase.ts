/**
 * A message with what fills its placeholders, before it is worded: numbers, the cluster's own data
 * (names, quantities, the scheduler's or kubelet's text) shown verbatim, nested messages, and lists
 * joined the way each language joins them. The pages word explanations the BFF sends as codes
 * into phrases; `PhraseText` renders one with the data marked, `phraseText` gives plain text.
 */
import type { MessageKey } from './en.ts';
import type { Translate } from './translate.ts';

/** Cluster data, shown as-is in every language. */
export interface Raw {
  raw: string;
}

/** How a list is joined: `comma` (a, b), `semicolon` (a; b), `and` (a and b). */
export type ListJoin = 'comma' | 'semicolon' | 'and';

export interface PhraseList {
  list: readonly PhraseVar[];
  join: ListJoin;
}

export type PhraseVar = number | Raw | Phrase | PhraseList;

export interface Phrase {
  key: MessageKey;
  vars?: Readonly<Record<string, PhraseVar>>;
}

export const raw = (text: string): Raw => ({ raw: text });

export function phrase(key: MessageKey, vars?: Readonly<Record<string, PhraseVar>>): Phrase {
  return vars ? { key, vars } : { key };
}

export function list(items: readonly PhraseVar[], join: ListJoin = 'comma'): PhraseList {
  return { list: items, join };
}

/** The list separators, as message keys (Chinese joins with 、 and ；). */
export const JOIN_KEYS = { comma: 'list.comma', semicolon: 'list.semicolon', and: 'list.and' } as const satisfies Record<ListJoin, MessageKey>;

export const isRaw = (v: PhraseVar): v is Raw => typeof v === 'object' && 'raw' in v;
export const isList = (v: PhraseVar): v is PhraseList => typeof v === 'object' && 'list' in v;

/** The numbers of a phrase, which `t` fills directly; the rest are filled by the caller. */
export function numberVars(p: Phrase): Record<string, number> {
  return Object.fromEntries(Object.entries(p.vars ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

function varText(v: PhraseVar, t: Translate): string {
  if (typeof v === 'number') return String(v);
  if (isRaw(v)) return v.raw;
  if (isList(v)) return v.list.map((item) => varText(item, t)).join(t(JOIN_KEYS[v.join]));
  return phraseText(v, t);
}

/** The phrase as plain text: for a tooltip, or a test. */
export function phraseText(p: Phrase, t: Translate): string {
  const vars = Object.fromEntries(Object.entries(p.vars ?? {}).map(([name, v]) => [name, varText(v, t)]));
  return t(p.key, vars);
}
