/**
 * The list filter shared by the live lists: every word must appear in the row's text, and a
 * word with `=` or `!=` is a label selector term (`app=api`, `tier!=web`, `app=` for presence).
 */
export function textMatches(haystack: string, labels: Readonly<Record<string, string>> | undefined, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack.toLowerCase();
  return words.every((w) => {
    const selector = /^([^=!]+)(!?=)(.*)$/.exec(w);
    if (!selector) return text.includes(w);
    const [, key, op, value] = selector;
    const actual = Object.entries(labels ?? {}).find(([k]) => k.toLowerCase() === key)?.[1]?.toLowerCase();
    if (op === '!=') return actual !== value;
    return value === '' ? actual !== undefined : actual === value;
  });
}
