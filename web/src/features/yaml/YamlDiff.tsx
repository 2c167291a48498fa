/** The edited YAML against the live YAML: changed lines with a little context, numbered on both sides. */
import { useMemo } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { changedHunks, lineDiff } from './lineDiff.ts';

const CLASS = { ' ': '', '-': 'yaml-diff__line--removed', '+': 'yaml-diff__line--added' } as const;

export function YamlDiff({ live, edited }: { live: string; edited: string }) {
  const t = useT();
  const hunks = useMemo(() => changedHunks(lineDiff(live, edited)), [live, edited]);
  if (!hunks.some((h) => h !== 'gap' && h.op !== ' ')) return <p className="muted" data-testid="yaml-diff-view">{t('yaml.noChanges')}</p>;
  return (
    <pre className="yaml-diff" data-testid="yaml-diff-view" aria-label={t('yaml.diffLabel')}>
      {hunks.map((h, k) =>
        h === 'gap' ? (
          <span key={k} className="yaml-diff__line yaml-diff__gap">
            {'⋯\n'}
          </span>
        ) : (
          <span key={k} className={`yaml-diff__line ${CLASS[h.op]}`}>
            {`${String(h.left ?? '').padStart(4)} ${String(h.right ?? '').padStart(4)} ${h.op} ${h.text}\n`}
          </span>
        ),
      )}
    </pre>
  );
}
