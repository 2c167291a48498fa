/**
 * A translated message with elements (links) in some placeholders: translate without those
 * variables, so their `{placeholders}` stay where each language puts them, then fill them here.
 */
import { Fragment, type ReactNode } from 'react';

export function RichText({ text, parts }: { text: string; parts: Readonly<Record<string, ReactNode>> }) {
  // split() with a capture group puts each placeholder's name at the odd indexes.
  const pieces = text.split(/\{(\w+)\}/);
  return <>{pieces.map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{piece in parts ? parts[piece] : `{${piece}}`}</Fragment> : piece))}</>;
}
