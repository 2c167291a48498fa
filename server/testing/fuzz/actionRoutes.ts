/**
 * The actions API as the fuzzer sees it (server/actions/router.ts, docs/api.md): each route's
 * method and path, the kinds it takes, a body that would be valid for a given object, and the
 * body defects that must make it refuse. A write aimed at a real victim object always carries
 * exactly one such defect, so it must be refused and must change nothing.
 */
import type { Prng } from './prng.ts';
import { BAD_COUNTS, BAD_STRINGS, type Value } from './hostileValues.ts';
import type { SeenTarget } from './fuzzWorld.ts';

export type Body = Record<string, unknown>;

/** A defect of the body: how it is made, and its tag in the failure groups. */
export interface BodyDefect {
  tag: string;
  apply(body: Body, target: SeenTarget | undefined): void;
}

export interface ActionRoute {
  id: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** The path after `/api/contexts/{context}/namespaces/{ns}/`, from raw kind and name segments. */
  path(kind: string, name: string, rng: Prng): string;
  /** The kinds its `{kind}` takes; a route with a fixed kind lists only that one. */
  kinds: readonly string[];
  fixedKind?: boolean;
  writes: boolean;
  /** A body the route would accept for `target` (undefined target: an object that does not exist). */
  validBody(rng: Prng, target: SeenTarget | undefined, decodedName: string): Body | undefined;
  /** Body defects that must make this route refuse. */
  defects: readonly BodyDefect[];
  /** Real objects this route refuses by itself: restarting the paused deployment, evicting a pod its budget protects. */
  refusedTargets?: readonly { kind: string; name: string; tag: string }[];
}

/** The real victim object of each kind (fuzzWorld.ts). */
export const REAL_NAMES: Readonly<Record<string, string>> = {
  deployments: 'web',
  statefulsets: 'db',
  daemonsets: 'agent',
  replicasets: 'lone',
  pods: 'solo',
  jobs: 'once',
  cronjobs: 'nightly',
  persistentvolumeclaims: 'data',
};

const SCALABLE = ['deployments', 'statefulsets', 'replicasets'];
const ROLLABLE = ['deployments', 'statefulsets', 'daemonsets'];
const DELETABLE = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'pods', 'jobs', 'cronjobs'];
const FAKE_UID = '0badf00d-0000-4000-8000-000000000000';

/** The `seen` fields of a page that showed `t` (a plausible made-up one when t does not exist). */
export function seenFields(rng: Prng, t: SeenTarget | undefined, required: boolean): Body {
  const choice = rng.int(required ? 1 : 0, 4);
  const uid = t?.uid ?? FAKE_UID;
  const generation = t?.generation ?? 1;
  const resourceVersion = t?.resourceVersion ?? '1';
  if (choice === 0) return {};
  if (choice === 1) return { uid, generation, resourceVersion };
  if (choice === 2) return { generation };
  if (choice === 3) return { resourceVersion };
  return { uid, generation };
}

/** An own property named `key`, even `__proto__` (plain assignment would set the prototype instead). */
export function setOwn(b: Body, key: string, value: unknown): void {
  Object.defineProperty(b, key, { value, enumerable: true, writable: true, configurable: true });
}

const field = (name: string, value: Value): BodyDefect => ({ tag: `${name}:${value.tag}`, apply: (b) => void (b[name] = value.json) });
const drop = (name: string): BodyDefect => ({ tag: `${name}:missing`, apply: (b) => void delete b[name] });

/** Preconditions that no longer hold: the API says 409. */
const STALE: readonly BodyDefect[] = [
  { tag: 'seen:other uid', apply: (b, t) => Object.assign(b, { uid: FAKE_UID, generation: t?.generation ?? 1 }) },
  { tag: 'seen:newer generation', apply: (b, t) => Object.assign(b, { uid: t?.uid, generation: (t?.generation ?? 1) + 7 }) },
  { tag: 'seen:generation 1e308', apply: (b) => void (b.generation = 1e308) },
  { tag: 'seen:generation -1', apply: (b) => void (b.generation = -1) },
  { tag: 'seen:old resourceVersion', apply: (b) => { delete b.uid; delete b.generation; b.resourceVersion = '1'; } }, // prettier-ignore
];

/** Preconditions missing or of the wrong type where the route requires them: 400. */
const NO_SEEN: readonly BodyDefect[] = [
  { tag: 'seen:missing', apply: (b) => ['uid', 'generation', 'resourceVersion'].forEach((k) => delete b[k]) },
  { tag: 'seen:wrong types', apply: (b, t) => Object.assign(b, { uid: 7, generation: String(t?.generation ?? 1), resourceVersion: Number(t?.resourceVersion ?? 1) }) },
  { tag: 'seen:only via __proto__', apply: (b, t) => { ['uid', 'generation', 'resourceVersion'].forEach((k) => delete b[k]); setOwn(b, '__proto__', { generation: t?.generation, resourceVersion: t?.resourceVersion }); } }, // prettier-ignore
];

const pathOf = (suffix: string) => (kind: string, name: string) => `${kind}/${name}${suffix}`;

export const ACTION_ROUTES: readonly ActionRoute[] = [
  {
    id: 'scale',
    method: 'PUT',
    path: pathOf('/scale'),
    kinds: SCALABLE,
    writes: true,
    validBody: (rng, t) => ({ replicas: rng.int(0, 3), ...seenFields(rng, t, true) }),
    defects: [...BAD_COUNTS.map((v) => field('replicas', v)), drop('replicas'), ...STALE, ...NO_SEEN],
  },
  {
    id: 'set-image',
    method: 'POST',
    path: pathOf('/set-image'),
    kinds: ROLLABLE,
    writes: true,
    validBody: (rng, t) => ({ container: 'main', image: rng.pick(['nginx:1.29', 'registry.example/team/app@sha256:' + 'a'.repeat(64)]), ...seenFields(rng, t, true) }),
    defects: [
      ...BAD_STRINGS.map((v) => field('image', v)),
      ...BAD_STRINGS.map((v) => field('container', v)),
      field('container', { json: 'no-such-container', tag: 'unknown' }),
      drop('image'),
      ...STALE,
      ...NO_SEEN,
    ],
  },
  {
    id: 'restart',
    method: 'POST',
    path: pathOf('/restart'),
    kinds: ROLLABLE,
    writes: true,
    validBody: (rng, t) => seenFields(rng, t, false),
    defects: STALE,
    refusedTargets: [{ kind: 'deployments', name: 'held', tag: 'paused deployment' }],
  },
  {
    id: 'pause',
    method: 'POST',
    path: pathOf('/pause'),
    kinds: ['deployments'],
    writes: true,
    validBody: (rng, t) => seenFields(rng, t, false),
    defects: STALE,
    refusedTargets: [{ kind: 'deployments', name: 'held', tag: 'already paused' }],
  },
  {
    id: 'resume',
    method: 'POST',
    path: pathOf('/resume'),
    kinds: ['deployments'],
    writes: true,
    validBody: (rng, t) => seenFields(rng, t, false),
    defects: STALE,
    refusedTargets: [{ kind: 'deployments', name: 'web', tag: 'not paused' }],
  },
  {
    id: 'rollback',
    method: 'POST',
    path: pathOf('/rollback'),
    kinds: ROLLABLE,
    writes: true,
    validBody: (rng, t) => ({ revision: rng.pick([0, 1]), ...seenFields(rng, t, true) }),
    defects: [
      ...[999, -1, 1.5, 1e308, 2 ** 63, 'abc', '', null, true, [], {}].map((r) => field('revision', { json: r, tag: JSON.stringify(r) })),
      ...STALE,
      ...NO_SEEN,
    ],
    refusedTargets: [{ kind: 'deployments', name: 'held', tag: 'paused deployment' }],
  },
  {
    id: 'delete',
    method: 'DELETE',
    path: (kind, name) => `${kind}/${name}`,
    kinds: DELETABLE,
    writes: true,
    validBody: (rng, t, name) => ({ confirmName: name, ...(rng.chance(0.5) ? { propagationPolicy: rng.pick(['Foreground', 'Background', 'Orphan']) } : {}), ...seenFields(rng, t, false) }),
    defects: [
      ...BAD_STRINGS.map((v) => field('confirmName', v)),
      drop('confirmName'),
      { tag: 'confirmName:uppercase', apply: (b) => void (b.confirmName = String(b.confirmName).toUpperCase()) },
      { tag: 'confirmName:trailing space', apply: (b) => void (b.confirmName = `${String(b.confirmName)} `) },
      { tag: 'confirmName:only via __proto__', apply: (b) => { setOwn(b, '__proto__', { confirmName: b.confirmName }); delete b.confirmName; } }, // prettier-ignore
      ...['background', '', 'Orphan ', 'Delete', 0, [], {}].map((p) => field('propagationPolicy', { json: p, tag: JSON.stringify(p) })),
      ...STALE,
    ],
  },
  {
    id: 'evict',
    method: 'POST',
    path: (_kind, name) => `pods/${name}/evict`,
    kinds: ['pods'],
    fixedKind: true,
    writes: true,
    validBody: () => ({}),
    defects: [],
    refusedTargets: [{ kind: 'pods', name: 'solo', tag: 'budget allows no disruption' }],
  },
  { id: 'workload detail', method: 'GET', path: pathOf('/detail'), kinds: [...ROLLABLE, 'replicasets'], writes: false, validBody: () => undefined, defects: [] },
  { id: 'pod detail', method: 'GET', path: (_k, name) => `pods/${name}/detail`, kinds: ['pods'], fixedKind: true, writes: false, validBody: () => undefined, defects: [] },
  {
    id: 'claim detail',
    method: 'GET',
    path: (_k, name) => `persistentvolumeclaims/${name}/detail`,
    kinds: ['persistentvolumeclaims'],
    fixedKind: true,
    writes: false,
    validBody: () => undefined,
    defects: [],
  },
  {
    id: 'revision diff',
    method: 'GET',
    path: (kind, name, rng) => `${kind}/${name}/revisions/${rng.pick(['0', '1', '2', '999', '-1', '1e3', '0x10', '%20', '1.5', '9'.repeat(40), 'abc', '..', '%2e%2e'])}/diff`,
    kinds: ROLLABLE,
    writes: false,
    validBody: () => undefined,
    defects: [],
  },
];
