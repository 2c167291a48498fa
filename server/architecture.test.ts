/**
 * The layering of DESIGN.md, held by a test: arrows point down (web -> types of the
 * server and kube/; sim -> kube/), the simulator shows one face (server/sim/index.ts),
 * and the simulator's modules do not import each other in circles. Every rule names the
 * offending file, line and import.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCycles, importsOf, sourceFiles, type ImportEdge } from './testing/importGraph.ts';

const ROOT = process.cwd();
const files = sourceFiles(ROOT, ['server', 'web', 'scripts', 'bench']);
const edges = files.flatMap((f) => importsOf(ROOT, f));
const local = edges.filter((e): e is ImportEdge & { to: string } => e.to !== undefined);

const under = (dir: string) => (path: string) => path.startsWith(dir);
const inSim = under('server/sim/');
const inKube = under('server/kube/');
const inTesting = under('server/testing/');
const isTest = (path: string) => /\.test\.tsx?$/.test(path) || path.startsWith('web/e2e/');

function offenders(bad: ImportEdge[]): string {
  return bad.map((e) => `  ${e.from}:${e.line} imports '${e.specifier}'${e.to && e.to !== e.specifier ? ` (${e.to})` : ''}`).join('\n');
}

test('the import graph is read: the demo cluster context starts the simulator through its index', () => {
  assert.ok(files.filter(inSim).length > 50, 'server/sim/ files were found');
  assert.ok(
    local.some((e) => e.from === 'server/clusters/demo.ts' && e.to === 'server/sim/index.ts'),
    'server/clusters/demo.ts -> server/sim/index.ts is seen, so the rules below judge real edges',
  );
});

test('outside server/sim/, only clusters/demo.ts, tests, test fixtures and tooling import the simulator, and only its index.ts', () => {
  const mayStartSimulator = (path: string) =>
    path === 'server/clusters/demo.ts' || isTest(path) || inTesting(path) || path.startsWith('scripts/') || path.startsWith('bench/');
  const bad = local.filter((e) => !inSim(e.from) && inSim(e.to) && (!mayStartSimulator(e.from) || e.to !== 'server/sim/index.ts'));
  assert.equal(bad.length, 0, `the simulator's only face is server/sim/index.ts, for clusters/demo.ts, tests and server/testing/:\n${offenders(bad)}`);
});

test('the simulator imports only itself and server/kube/ (its tests may also use server/testing/)', () => {
  // Test fixtures (kubectl runners, eventually) are not the console; simulator tests may use them.
  const bad = local.filter((e) => inSim(e.from) && !inSim(e.to) && !inKube(e.to) && !(isTest(e.from) && inTesting(e.to)));
  assert.equal(bad.length, 0, `server/sim/ may import only server/sim/, server/kube/, node: builtins and packages:\n${offenders(bad)}`);
});

test('server/kube/ is the ground floor: it imports only itself', () => {
  const bad = local.filter((e) => inKube(e.from) && !inKube(e.to));
  assert.equal(bad.length, 0, `server/kube/ may import only server/kube/, node: builtins and packages:\n${offenders(bad)}`);
});

test('the SPA takes only types from the server, and Kubernetes rules from server/kube/', () => {
  // web/e2e/ runs in Node and drives a real console; the rule is about what ships to the browser.
  const bad = local.filter((e) => e.from.startsWith('web/') && !e.from.startsWith('web/e2e/') && e.to.startsWith('server/') && !e.typeOnly && !inKube(e.to));
  assert.equal(bad.length, 0, `web/ may import from server/ only with \`import type\` / \`export type\`, or from server/kube/:\n${offenders(bad)}`);
});

function describeCycles(cycles: string[][]): string {
  return cycles
    .map((c) => {
      const inCycle = new Set(c);
      const links = local.filter((e) => inCycle.has(e.from) && inCycle.has(e.to)).map((e) => `    ${e.from}:${e.line} -> ${e.to}`);
      return `  ${c.join(', ')}\n${links.join('\n')}`;
    })
    .join('\n');
}

test('no import cycle among the simulator\'s files (type-only imports count: a circle of types is still a knot)', () => {
  const cycles = importCycles(edges, inSim);
  assert.equal(cycles.length, 0, `import cycles in server/sim/ (break them with an interface or a registry the importer is handed):\n${describeCycles(cycles)}`);
});

test('no import cycle in the console itself, server or SPA (a lazy import() counts: the chunk and its importer still know each other)', () => {
  const cycles = importCycles(edges, (f) => !inSim(f) && !isTest(f) && (f.startsWith('server/') || f.startsWith('web/src/')));
  assert.equal(cycles.length, 0, `import cycles (move the shared type or function to a file both can import):\n${describeCycles(cycles)}`);
});
