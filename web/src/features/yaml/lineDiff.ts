/**
 * A line diff of the live YAML against the edited YAML (longest common subsequence; objects
 * are a few hundred lines). The server's twin in server/views/workloads/templateDiff.ts is not
 * bundled into the SPA, so only its `DiffLine` shape is shared.
 */
import type { DiffLine } from '../../../../server/views/workloads/templateDiff.ts';

export type { DiffLine };

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

export function lineDiff(left: string, right: string): DiffLine[] {
  const a = lines(left);
  const b = lines(right);
  // common[i][j] = length of the LCS of a[i..] and b[j..]
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], left: ++i, right: ++j });
    } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) {
      out.push({ op: '-', text: a[i], left: ++i });
    } else {
      out.push({ op: '+', text: b[j], right: ++j });
    }
  }
  return out;
}

/** Only the changed lines with `context` unchanged lines around each change, for a compact view. */
export function changedHunks(diff: readonly DiffLine[], context = 2): (DiffLine | 'gap')[] {
  const keep = diff.map(() => false);
  diff.forEach((l, k) => {
    if (l.op === ' ') return;
    for (let c = Math.max(0, k - context); c <= Math.min(diff.length - 1, k + context); c++) keep[c] = true;
  });
  const out: (DiffLine | 'gap')[] = [];
  diff.forEach((l, k) => {
    if (keep[k]) out.push(l);
    else if (out[out.length - 1] !== 'gap') out.push('gap');
  });
  return out;
}
