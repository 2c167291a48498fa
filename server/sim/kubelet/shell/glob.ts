/**
 * Pathname expansion (XCU 2.13.3): an unquoted `*`, `?` or `[...]` in a word matches names
 * in the container's vfs, component by component; a leading `.` must be matched explicitly;
 * the matches come sorted, and a pattern that matches nothing stays as it was written.
 */
import { matchPattern, patternOf, type PatternPiece } from './pattern.ts';
import { normalizePath, type Vfs } from './vfs.ts';

const GLOB_CHARS = /[*?[]/;

export function hasGlob(pieces: PatternPiece[]): boolean {
  return pieces.some((p) => !p.quoted && GLOB_CHARS.test(p.text));
}

/** Split the pieces of a word into path components at every `/`. */
function components(pieces: PatternPiece[]): PatternPiece[][] {
  const out: PatternPiece[][] = [[]];
  for (const p of pieces) {
    const parts = p.text.split('/');
    parts.forEach((text, i) => {
      if (i > 0) out.push([]);
      if (text) out[out.length - 1].push({ text, quoted: p.quoted });
    });
  }
  return out;
}

/** The paths a word's pattern matches, sorted; empty when it matches nothing. */
export function globPaths(pieces: PatternPiece[], cwd: string, vfs: Vfs): string[] {
  const comps = components(pieces);
  const absolute = comps[0].length === 0 && comps.length > 1;
  if (absolute) comps.shift();
  let matches: string[] = [absolute ? '/' : ''];
  for (let ci = 0; ci < comps.length; ci++) {
    const comp = comps[ci];
    const last = ci === comps.length - 1;
    const next: string[] = [];
    for (const prefix of matches) {
      const dirPath = normalizePath(cwd, prefix || '.');
      if (comp.length === 0) {
        // A trailing `/`: only directories match.
        if (vfs.isDir(dirPath)) next.push(prefix.endsWith('/') ? prefix : `${prefix}/`);
        continue;
      }
      const join = (name: string) => (prefix === '' ? name : prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`);
      if (!hasGlob(comp)) {
        const name = comp.map((p) => p.text).join('');
        if (vfs.exists(normalizePath(dirPath, name))) next.push(join(name));
        continue;
      }
      const node = vfs.lookup(dirPath);
      if (node?.kind !== 'dir') continue;
      const source = patternOf(comp);
      const dotOk = comp[0].text.startsWith('.');
      for (const name of [...node.children.keys()].sort()) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!last && node.children.get(name)?.kind !== 'dir') continue;
        if (matchPattern(source, name)) next.push(join(name));
      }
    }
    matches = next;
    if (matches.length === 0) return [];
  }
  return matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
