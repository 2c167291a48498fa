/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set holds it: at each level the
 * path elements that are members themselves, and the sets below each element. Path elements
 * are written as in managedFields' FieldsV1: `f:name` (a field), `k:{"name":"web"}` (a list
 * item by its keys), `v:"x"` (an item of a set), `i:0` (an item of a list by position).
 */
export class FieldSet {
  readonly members = new Set<string>();
  readonly children = new Map<string, FieldSet>();

  get empty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  insert(path: readonly string[]): void {
    if (path.length === 0) return;
    path.slice(0, -1).reduce<FieldSet>((at, pe) => at.child(pe), this).members.add(path[path.length - 1]);
  }

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }

  has(path: readonly string[]): boolean {
    return path.length > 0 && (this.find(path.slice(0, -1))?.members.has(path[path.length - 1]) ?? false);
  }

  /** The set below one path, if anything is there. */
  private find(path: readonly string[]): FieldSet | undefined {
    return path.reduce<FieldSet | undefined>((at, pe) => at?.children.get(pe), this);
  }

  /** The set below one path (empty when nothing is there). */
  at(path: readonly string[]): FieldSet {
    return this.find(path) ?? new FieldSet();
  }

  union(other: FieldSet): FieldSet {
    const out = this.copy();
    out.addAll(other);
    return out;
  }

  private addAll(other: FieldSet): void {
    for (const m of other.members) this.members.add(m);
    for (const [pe, c] of other.children) this.child(pe).addAll(c);
  }

  copy(): FieldSet {
    const out = new FieldSet();
    out.addAll(this);
    return out;
  }

  /** Members of this set that are not members of `other` (Set.Difference). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      const d = o ? c.difference(o) : c.copy();
      if (!d.empty) out.children.set(pe, d);
    }
    return out;
  }

  /** Set.RecursiveDifference: a member of `other` also takes away everything below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (other.members.has(pe)) continue;
      const o = other.children.get(pe);
      const d = o ? c.recursiveDifference(o) : c.copy();
      if (!d.empty) out.children.set(pe, d);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.empty) out.children.set(pe, i);
    }
    return out;
  }

  /** Every member path, sorted as fieldpath.Set iterates. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    for (const pe of sortedElements([...new Set([...this.members, ...this.children.keys()])])) {
      if (this.members.has(pe)) out.push([...prefix, pe]);
      const c = this.children.get(pe);
      if (c) out.push(...c.paths([...prefix, pe]));
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).empty && other.difference(this).empty;
  }

  /** The FieldsV1 JSON: a member with children carries `.`, a member leaf is `{}`. */
  toFieldsV1(): FieldsV1 {
    const out: FieldsV1 = {};
    for (const pe of sortedElements([...new Set([...this.members, ...this.children.keys()])])) {
      const c = this.children.get(pe);
      const below = c ? c.toFieldsV1() : {};
      out[pe] = this.members.has(pe) && c ? { '.': {}, ...below } : below;
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const out = new FieldSet();
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
    for (const [pe, below] of Object.entries(v as Record<string, unknown>)) {
      if (pe === '.') continue;
      const sub = FieldSet.fromFieldsV1(below);
      const isObj = typeof below === 'object' && below !== null;
      const keys = isObj ? Object.keys(below) : [];
      if (keys.length === 0 || keys.includes('.')) out.members.add(pe);
      if (!sub.empty) out.children.set(pe, sub);
    }
    return out;
  }
}

export type FieldsV1 = { [pe: string]: FieldsV1 };

const KIND_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** PathElement.Less: field names first, then keys, values, indexes; each kind in its own order. */
export function sortedElements(pes: string[]): string[] {
  return pes.sort((a, b) => {
    const ka = KIND_ORDER[a[0]] ?? 4;
    const kb = KIND_ORDER[b[0]] ?? 4;
    if (ka !== kb) return ka - kb;
    if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** value.ToString: strings quoted as Go's %q, other JSON values as JSON. */
function valueString(v: unknown): string {
  return JSON.stringify(v);
}

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.keys(key)
            .map((k) => `${k}=${valueString(key[k])}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${valueString(JSON.parse(body))}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
