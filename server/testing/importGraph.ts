/**
 * The import graph of the repository's TypeScript, read with the TypeScript parser (not
 * regular expressions, so imports inside comments and strings do not count). Used by
 * server/architecture.test.ts to hold the layering of DESIGN.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repository-relative path of the importing file, with forward slashes. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** Repository-relative path of the imported file, or undefined for packages and node: builtins. */
  to?: string;
  /** Erased at compile time: `import type`, `export type ... from`, all-`type` named imports, `typeof import()`. */
  typeOnly: boolean;
  /** `import()`: loaded when that code runs, not with the importing module. */
  dynamic: boolean;
  line: number;
}

const SOURCE = /\.tsx?$/;

/** Every .ts/.tsx file under the given roots, repository-relative, skipping node_modules and dist. */
export function sourceFiles(repoRoot: string, roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(entry) && !entry.endsWith('.d.ts')) out.push(toRepoPath(repoRoot, path));
    }
  };
  for (const r of roots) if (existsSync(join(repoRoot, r))) walk(join(repoRoot, r));
  return out.sort();
}

function toRepoPath(repoRoot: string, path: string): string {
  return relative(repoRoot, path).split(sep).join('/');
}

/** A relative specifier's file: as written, or with the extensions and index files Vite and tsx accept. */
function resolveRelative(repoRoot: string, from: string, specifier: string): string {
  const base = resolve(repoRoot, dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  if (base.endsWith('.js')) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  // An unresolvable import still names a place; tsc reports it, the layering rules judge the path.
  return toRepoPath(repoRoot, found ?? base);
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** The imports and re-exports of one file: static, `export ... from`, dynamic `import()` and `typeof import()`. */
export function importsOf(repoRoot: string, file: string): ImportEdge[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (literal: ts.Node, typeOnly: boolean, dynamic = false) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const specifier = literal.text;
    const to = specifier.startsWith('.') ? resolveRelative(repoRoot, file, specifier) : undefined;
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    edges.push({ from: file, specifier, to, typeOnly, dynamic, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, isTypeOnlyExport(node));
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0], false, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/**
 * The repository's files a module loads with itself: its static, non-type imports followed
 * transitively (what `import()` loads later does not count). `entry` is repository-relative.
 */
export function loadedWith(repoRoot: string, entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const e of importsOf(repoRoot, file)) if (e.to && !e.typeOnly && !e.dynamic) visit(e.to);
  };
  visit(entry);
  return loaded;
}

/** The packages (`ws`, `yaml`, not `node:` builtins) the files of `files` import statically. */
export function packagesLoadedBy(repoRoot: string, files: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const e of importsOf(repoRoot, f)) if (!e.to && !e.typeOnly && !e.dynamic && !e.specifier.startsWith('node:')) out.add(e.specifier);
  return out;
}

/**
 * Import cycles among the files `within` accepts, type-only imports included: they do not
 * make modules wait on each other at load time, but two files that need each other's
 * types are still one thing split in two. Each cycle is reported once, as the files of a
 * strongly connected component (sorted).
 */
export function importCycles(edges: ImportEdge[], within: (file: string) => boolean): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.to || !within(e.from) || !within(e.to)) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  // Tarjan's strongly connected components: every component of two or more files is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}
