/**
 * The fuzzer's only source of chance: a seeded PRNG (sfc32, seeded through splitmix32), so a
 * run is replayed exactly with `FUZZ_SEED=<seed> npm test -- server/testing/fuzz`. Never
 * Math.random in the fuzz folder.
 */

/** CI runs this seed unless FUZZ_SEED says otherwise: failures there reproduce on a laptop. */
export const DEFAULT_SEED = 20261205;

/** `FUZZ_SEED` as a 32-bit seed: a decimal number, or any other text hashed (FNV-1a). */
export function seedFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SEED;
  if (/^\d{1,10}$/.test(value.trim())) return Number(value.trim()) >>> 0;
  let h = 0x811c9dc5;
  for (const ch of value) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** A uniform 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** A weighted choice: `[[weight, value], ...]`. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][1];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** An independent stream for one part of the run, so adding cases to one part leaves the others as they were. */
  fork(label: string): Prng {
    return new Prng((this.seed ^ seedFrom(`fork:${label}`)) >>> 0);
  }
}
