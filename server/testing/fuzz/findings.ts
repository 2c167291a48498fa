/**
 * Failures, grouped by cause: the check that failed, the route, and the answer's shape (status,
 * reason, message with names and numbers blanked). Each group keeps its count, the hostile inputs
 * that led there and one reproduction; the run goes on after a failure.
 */

export interface Finding {
  /** Which assertion failed, e.g. "5xx answer", "write not refused", "object changed". */
  check: string;
  route: string;
  /** The cause as far as the answer tells it; the same signature means the same group. */
  signature: string;
  label: string;
  reproduction: string;
  /** Specifics of this occurrence (the raw message, the console's log line). */
  detail?: string;
}

interface Group {
  check: string;
  route: string;
  signature: string;
  count: number;
  labels: Set<string>;
  reproduction: string;
  detail?: string;
}

/** Blanks what varies between occurrences of one cause: world generations, quoted names, numbers. */
export function normalise(text: string): string {
  return text
    .replace(/\b(victim|fuzz)-\d+\b/g, '$1')
    // Generated name suffixes (ReplicaSet and ControllerRevision hashes) differ on every rebuild.
    .replace(/-(?=[a-z0-9]*\d)[a-z0-9]{8,10}\b/g, '-…')
    .replace(/"[^"]{0,400}"/g, '"…"')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

export class Findings {
  private readonly groups = new Map<string, Group>();

  add(f: Finding): void {
    const key = `${f.check}\u0000${f.route}\u0000${f.signature}`;
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      g.labels.add(f.label);
      return;
    }
    this.groups.set(key, { check: f.check, route: f.route, signature: f.signature, count: 1, labels: new Set([f.label]), reproduction: f.reproduction, detail: f.detail });
  }

  get size(): number {
    return this.groups.size;
  }

  /** Every group, most frequent first within each check, as lines for the test output. */
  report(): string {
    const sorted = [...this.groups.values()].sort((a, b) => a.check.localeCompare(b.check) || b.count - a.count || a.route.localeCompare(b.route));
    const lines: string[] = [];
    for (const g of sorted) {
      const labels = [...g.labels];
      lines.push(`✖ [${g.check}] ${g.route} — ${g.signature} (${g.count}×)`);
      lines.push(`    inputs: ${labels.slice(0, 10).join(', ')}${labels.length > 10 ? `, … ${labels.length - 10} more` : ''}`);
      lines.push(`    repro:  ${g.reproduction}`);
      if (g.detail) lines.push(`    detail: ${g.detail.slice(0, 600).replace(/\n/g, '\n            ')}`);
    }
    return lines.join('\n');
  }
}
