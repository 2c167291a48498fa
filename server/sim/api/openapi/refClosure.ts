/**
 * Names of every definition reachable through `$ref`s starting with `prefix`
 * (`#/components/schemas/`, `#/definitions/`, `#/parameters/`) from `root`, following each
 * definition `lookup` knows. References `lookup` does not know are listed in `missing`.
 */
export function refClosure(root: unknown, prefix: string, lookup: (name: string) => unknown): { names: Set<string>; missing: Set<string> } {
  const names = new Set<string>();
  const missing = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k !== '$ref' || typeof v !== 'string') {
        walk(v);
        continue;
      }
      if (!v.startsWith(prefix)) continue;
      const name = v.slice(prefix.length);
      if (names.has(name) || missing.has(name)) continue;
      const target = lookup(name);
      if (target === undefined) missing.add(name);
      else {
        names.add(name);
        walk(target);
      }
    }
  };
  walk(root);
  return { names, missing };
}
