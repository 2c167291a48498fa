import { stringify } from 'yaml';

/** One line of a two-sided diff: kept (` `), only on the left (`-`) or only on the right (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers in the left / right YAML. */
  left?: number;
  right?: number;
}

export interface TemplateDiff {
  leftYaml: string;
  rightYaml: string;
  lines: DiffLine[];
  changed: boolean;
}

/** Labels that differ between every revision by construction, so they would only add noise. */
const VOLATILE_LABELS = ['pod-template-hash', 'controller-revision-hash'];

function comparable(template: unknown): unknown {
  if (!template || typeof template !== 'object') return template ?? {};
  const t = structuredClone(template) as { metadata?: { labels?: Record<string, string>; creationTimestamp?: unknown } };
  if (t.metadata) {
    delete t.metadata.creationTimestamp;
    for (const l of VOLATILE_LABELS) delete t.metadata.labels?.[l];
  }
  return t;
}

/** Longest common subsequence over lines; templates are a few hundred lines at most. */
function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const t = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  }
  return t;
}

/** A line diff of two texts. */
export function lineDiff(left: string, right: string): DiffLine[] {
  const a = left.split('\n');
  const b = right.split('\n');
  if (a[a.length - 1] === '') a.pop();
  if (b[b.length - 1] === '') b.pop();
  const t = lcsTable(a, b);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], left: i + 1, right: j + 1 });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || t[i][j + 1] > t[i + 1][j])) {
      out.push({ op: '+', text: b[j], right: j + 1 });
      j++;
    } else {
      out.push({ op: '-', text: a[i], left: i + 1 });
      i++;
    }
  }
  return out;
}

/**
 * The difference between two pod templates as YAML lines, for confirming a rollback: `a`
 * is what runs now, `b` what the rollback would apply. Hash labels are left out.
 */
export function templateDiff(a: unknown, b: unknown): TemplateDiff {
  const leftYaml = stringify(comparable(a), { sortMapEntries: true });
  const rightYaml = stringify(comparable(b), { sortMapEntries: true });
  const lines = lineDiff(leftYaml, rightYaml);
  return { leftYaml, rightYaml, lines, changed: lines.some((l) => l.op !== ' ') };
}
