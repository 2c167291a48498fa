/** The merged log lines: a coloured tag per source when there are several, search matches marked. */
import { useEffect, useRef } from 'react';
import { splitMatches, type LogLine } from './logLine.ts';

export const SOURCE_COLOURS = 8;

export function LogView({ lines, colourOf, showSource, timestamps, search, onlyMatching }: {
  lines: readonly LogLine[];
  colourOf: (source: string) => number;
  showSource: boolean;
  timestamps: boolean;
  search: string;
  onlyMatching: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const needle = search.trim();
  const shown = onlyMatching && needle ? lines.filter((l) => l.text.toLowerCase().includes(needle.toLowerCase())) : lines;
  useEffect(() => {
    // Stay at the bottom while the user has not scrolled up.
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown]);
  return (
    <div
      className="log"
      ref={box}
      tabIndex={0}
      data-testid="log-view"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {shown.map((l) => (
        <div key={`${l.source}-${l.seq}`} className="log__line" data-source={l.source}>
          {showSource && <span className={`log__source log__source--${colourOf(l.source)}`}>{l.source}</span>}
          {timestamps && l.ts && <span className="log__ts">{l.ts.replace(/\.\d+Z$/, 'Z')}</span>}
          <span className="log__text">
            {splitMatches(l.text, needle).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
          </span>
        </div>
      ))}
    </div>
  );
}
