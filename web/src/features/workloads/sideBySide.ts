/** A line diff laid out in two columns: removed lines beside the added lines that replace them. */
import type { DiffLine } from '../../../../server/views/workloads/templateDiff.ts';

export interface DiffRow {
  left?: { n: number; text: string; changed: boolean };
  right?: { n: number; text: string; changed: boolean };
}

export function sideBySide(lines: readonly DiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const l = removed[i];
      const r = added[i];
      rows.push({
        ...(l ? { left: { n: l.left ?? 0, text: l.text, changed: true } } : {}),
        ...(r ? { right: { n: r.right ?? 0, text: r.text, changed: true } } : {}),
      });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.op === '-') removed.push(line);
    else if (line.op === '+') added.push(line);
    else {
      flush();
      rows.push({ left: { n: line.left ?? 0, text: line.text, changed: false }, right: { n: line.right ?? 0, text: line.text, changed: false } });
    }
  }
  flush();
  return rows;
}
