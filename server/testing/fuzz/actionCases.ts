/**
 * Fuzz cases for `/api/contexts/{context}/namespaces/{ns}/…`. First a matrix, so the cases that
 * matter most are never left to chance — every route with every hostile segment as the name,
 * as the namespace, as the kind and as the context, and every body defect on a real victim
 * object — then random combinations of all of it. Writes are generated so that each must be
 * refused: a real object only with a defect, everything else with a name that is not real.
 */
import { ACTION_ROUTES, REAL_NAMES, type ActionRoute, type BodyDefect } from './actionRoutes.ts';
import { encodedAlias, HOSTILE_SEGMENTS, ODD_QUERIES, type Segment } from './hostileValues.ts';
import type { HttpCase } from './httpCase.ts';
import type { CaseEnv, CaseFactory } from './caseEnv.ts';
import { addNoise, serialise, suffixJson, TRANSPORT_DEFECTS, type Draft } from './requestShape.ts';
import type { Prng } from './prng.ts';

type Slot = 'context' | 'ns' | 'kind' | 'name';

/** Where a case aims: one hostile slot (or none, for a real object) plus how its body goes wrong. */
interface Aim {
  route: ActionRoute;
  kind: string;
  hostile?: { slot: Slot; segment: Segment };
  /** A real object the route refuses by itself (restart the paused deployment). */
  refusedName?: { name: string; tag: string };
  /** For a real object: which defect (index into body defects, then transport defects). */
  defect?: number;
}

const HOSTILE_KINDS: readonly Segment[] = ['Deployments', 'deployment', 'deployments.apps', 'secrets', 'namespaces', 'nodes', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '..', '%2e%2e', 'pods%2F..'].map((k) => ({ raw: k, tag: k }));
const HOSTILE_CONTEXTS: readonly Segment[] = [
  ...['nope', 'DEMO', 'demo%20', '__proto__', 'constructor', '..', '%2e%2e', '.', 'demo%2F..', '%zz', 'a'.repeat(300), '%00'].map((c) => ({ raw: c, tag: c })),
];

const decodeOnce = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch (err) {
    // A malformed escape (`%zz`) stays as written.
    if (!(err instanceof URIError)) throw err;
    return raw;
  }
};

function defectsOf(route: ActionRoute): number {
  return route.defects.length + TRANSPORT_DEFECTS.length + 2;
}

/** The matrix: every (route, slot, hostile value) and every (route, defect) on a real object. */
export function actionMatrix(): Aim[] {
  const aims: Aim[] = [];
  for (const route of ACTION_ROUTES) {
    route.kinds.forEach((kind, i) => {
      for (const segment of HOSTILE_SEGMENTS) if (i === 0 || segment.climbs) aims.push({ route, kind, hostile: { slot: 'name', segment } });
    });
    for (const segment of HOSTILE_SEGMENTS) aims.push({ route, kind: route.kinds[0], hostile: { slot: 'ns', segment } });
    if (!route.fixedKind) for (const segment of HOSTILE_KINDS) aims.push({ route, kind: route.kinds[0], hostile: { slot: 'kind', segment } });
    for (const segment of HOSTILE_CONTEXTS) aims.push({ route, kind: route.kinds[0], hostile: { slot: 'context', segment } });
    if (!route.writes) continue;
    for (const r of route.refusedTargets ?? []) aims.push({ route, kind: r.kind, refusedName: { name: r.name, tag: r.tag } });
    if (route.id === 'evict') continue;
    for (let d = 0; d < defectsOf(route); d++) aims.push({ route, kind: route.kinds[d % route.kinds.length], defect: d });
  }
  return aims;
}

/** A random aim: any route, hostile or real target, any defect. */
export function randomAim(rng: Prng): Aim {
  const route = rng.pick(ACTION_ROUTES);
  const kind = rng.pick(route.kinds);
  const roll = rng.int(0, 9);
  if (roll < 3) return { route, kind, hostile: { slot: 'name', segment: rng.pick(HOSTILE_SEGMENTS) } };
  if (roll < 5) return { route, kind, hostile: { slot: 'ns', segment: rng.pick(HOSTILE_SEGMENTS) } };
  if (roll < 6) return { route, kind, hostile: { slot: rng.pick(['kind', 'context'] as const), segment: rng.pick(rng.chance(0.5) ? HOSTILE_KINDS : HOSTILE_CONTEXTS) } };
  if (roll < 7 && route.refusedTargets?.length) {
    const r = rng.pick(route.refusedTargets);
    return { route, kind: r.kind, refusedName: { name: r.name, tag: r.tag } };
  }
  if (route.id === 'evict') return { route, kind, hostile: { slot: 'name', segment: { raw: `ghost-${rng.int(1, 999)}`, tag: 'no such pod' } } };
  if (!route.writes) return { route, kind };
  return { route, kind, defect: rng.int(0, defectsOf(route) - 1) };
}

/** Turns an aim into a concrete request against the world as it is now. */
export function actionCase(aim: Aim, env: CaseEnv): HttpCase {
  const { rng, world } = env;
  const { route } = aim;
  const realName = aim.refusedName?.name ?? REAL_NAMES[aim.kind];
  let context: Segment = { raw: env.context, tag: env.context };
  let ns: Segment = rng.chance(0.1) ? encodedAlias(world.victim) : { raw: world.victim, tag: 'victim' };
  let kind: Segment = rng.chance(0.05) ? encodedAlias(aim.kind) : { raw: aim.kind, tag: aim.kind };
  let name: Segment = rng.chance(0.1) ? encodedAlias(realName) : { raw: realName, tag: realName };
  const h = aim.hostile;
  if (h?.slot === 'context') context = h.segment;
  if (h?.slot === 'ns') ns = rng.chance(0.2) ? { raw: world.fuzz, tag: 'fuzz' } : h.segment;
  if (h?.slot === 'kind') kind = h.segment;
  if (h?.slot === 'name') name = h.segment;
  if (h?.slot === 'ns' && ns.raw === world.fuzz) name = { raw: `ghost-${rng.int(1, 999)}`, tag: 'no such object' };
  const real = h ? undefined : world.seen(aim.kind, realName);
  const decodedName = decodeOnce(name.raw);

  const labels: string[] = [];
  if (h) labels.push(`${h.slot}:${h.segment.tag}`);
  if (aim.refusedName) labels.push(aim.refusedName.tag);
  const d: Draft = { headers: {}, body: route.validBody(rng, real ?? (h?.slot === 'name' ? world.seen(aim.kind, realName) : undefined), decodedName), query: '', expect: route.writes ? { kind: 'refused' } : { kind: 'answer' }, labels };
  if (h && d.body) {
    // A traversal lands on another object (`pods/..` is the namespace): preconditions copied from
    // the named one would make the API refuse and hide it, so a page-less client sends few.
    delete d.body.uid;
    delete d.body.resourceVersion;
    if (rng.chance(0.5)) delete d.body.generation;
  }
  addNoise(d, rng, env.port, { body: d.body !== undefined });
  if (route.method === 'DELETE' && h && rng.chance(0.3) && d.body) {
    // The router also reads DELETE options from the query string.
    d.query = `?${new URLSearchParams(Object.entries(d.body).map(([k, v]) => [k, String(v)]))}`;
    d.body = undefined;
    delete d.headers['Content-Type'];
  } else if (!route.writes || rng.chance(0.2)) d.query = rng.pick(ODD_QUERIES);
  if (aim.defect !== undefined) applyDefect(aim.route, aim.defect, d, env, real ? world.seen(aim.kind, realName) : undefined);
  const out = serialise(d);
  const path = `/api/contexts/${context.raw}/namespaces/${ns.raw}/${route.path(kind.raw, name.raw, rng)}${d.query}`;
  return {
    n: env.n,
    route: `${route.method} /api/contexts/{context}/namespaces/{ns}/${route.path('{kind}', '{name}', rng).replace(/revisions\/[^/]+/, 'revisions/{revision}')}`,
    label: labels.join(' + ') || 'noise only',
    method: route.method,
    path,
    headers: out.headers,
    body: out.body,
    bodyNote: d.bodyNote,
    chunked: d.chunked,
    expect: d.expect,
  };
}

/** Defect number `i` of a route: its body defects, then transport defects, then two that combine. */
function applyDefect(route: ActionRoute, i: number, d: Draft, env: CaseEnv, seen: Parameters<BodyDefect['apply']>[1]): void {
  d.body ??= {};
  if (i < route.defects.length) {
    const defect = route.defects[i];
    defect.apply(d.body, seen);
    d.labels.push(defect.tag);
    if (!d.headers['Content-Type']) d.headers['Content-Type'] = 'application/json';
    return;
  }
  const t = i - route.defects.length;
  if (t < TRANSPORT_DEFECTS.length) {
    const defect = TRANSPORT_DEFECTS[t];
    d.gzip = false;
    defect.apply(d, env.rng, env.port);
    d.labels.push(defect.tag);
    return;
  }
  // A stale precondition the server must not lose: in a `…+json` body the JSON parser skips.
  const stale = route.defects.find((x) => x.tag === 'seen:other uid') ?? route.defects[0];
  stale?.apply(d.body, seen);
  if (t === TRANSPORT_DEFECTS.length) suffixJson(d, env.rng);
  else d.headers['Content-Type'] = 'application/json';
  d.gzip = false;
  d.labels.push(t === TRANSPORT_DEFECTS.length ? `${stale?.tag ?? 'no defect'} in a …+json body` : `${stale?.tag ?? 'no defect'} as JSON`);
}

export function actionFactories(rng: Prng, randomCount: number): CaseFactory[] {
  const matrix = rng.shuffle(actionMatrix()).map((aim) => (env: CaseEnv) => actionCase(aim, env));
  const random = Array.from({ length: randomCount }, () => (env: CaseEnv) => actionCase(randomAim(env.rng), env));
  return [...matrix, ...random];
}
