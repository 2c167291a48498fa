/**
 * The YAML tab of a create dialog: the manifest in a text area, checked as it is typed, the
 * problem pointed to by line and column (and the caret moved there when a create is refused),
 * or what will be created where.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import { problemText } from './createChecks.ts';
import type { ManifestCheck } from './createManifest.ts';
import '../yaml/yaml.css';

interface YamlCreatePanelProps {
  label: string;
  help: string;
  text: string;
  onText(text: string): void;
  check: ManifestCheck;
  ready: string;
  /** Bumped when a create was refused: the caret goes to the problem. */
  refusals: number;
  testId: string;
}

/** The offset in `text` of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

export function YamlCreatePanel({ label, help, text, onText, check, ready, refusals, testId }: YamlCreatePanelProps) {
  const t = useT();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!refusals || check.ok || check.line === undefined || !area.current) return;
    const at = offsetOf(area.current.value, check.line, check.column ?? 1);
    area.current.focus();
    area.current.setSelectionRange(at, at);
    // Only a refusal moves the caret, not every keystroke that leaves a problem.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refusals]);
  let verdict: string;
  if (check.ok) verdict = ready;
  else {
    const problem = check.problem.code === 'yaml' ? check.problem.message : problemText(check.problem, t);
    const said = check.field ? t('jobs.create.fieldProblem', { field: check.field, problem }) : problem;
    verdict = check.line !== undefined ? t('jobs.create.yamlProblemAt', { line: check.line, column: check.column ?? 1, problem: said }) : t('jobs.create.yamlProblem', { problem: said });
  }
  return (
    <div className="batch-create__yaml">
      <p className="muted batch-create__help">{help}</p>
      <textarea
        ref={area}
        className="yaml__text"
        aria-label={label}
        aria-invalid={!check.ok}
        spellCheck={false}
        rows={Math.min(28, Math.max(14, text.split('\n').length + 1))}
        value={text}
        onChange={(e) => onText(e.target.value)}
        data-testid={`${testId}-yaml`}
      />
      <p
        className={`tone ${check.ok ? 'tone--ok' : 'tone--bad'}`}
        role={check.ok ? 'status' : 'alert'}
        data-testid={`${testId}-yaml-verdict`}
        data-ok={String(check.ok)}
        {...(!check.ok && check.line !== undefined ? { 'data-line': check.line } : {})}
      >
        {verdict}
      </p>
    </div>
  );
}
