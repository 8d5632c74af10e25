/**
 * Deterministic randomness for the scale seeder. Every row draws from its own generator, seeded by its table
 * and its index, so a row can be rebuilt from its index alone (no arrays of millions kept in memory) and the
 * same flags give the same data on every run.
 */

/** MurmurHash3's 32-bit finalizer: a bijection on 32-bit integers, so distinct inputs never collide. */
export function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a label: each table's stream gets its own seed. */
export function seedOf(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An index into `cumulative` (ascending partial sums of weights, the last one the total). */
  weightedIndex(cumulative: ArrayLike<number>): number;
}

/** mulberry32 over a seed derived from the stream and the row's index. */
export function rngAt(streamSeed: number, index: number): Rng {
  let state = fmix32(fmix32(index ^ streamSeed) + 0x9e3779b9);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    weightedIndex: (cumulative) => upperBound(cumulative, next() * cumulative[cumulative.length - 1]!),
  };
}

/** The first index whose value is greater than `value` (binary search over an ascending array). */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! > value) high = mid;
    else low = mid + 1;
  }
  return low;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(value: number): string {
  return HEX[(value >>> 24) & 0xff]! + HEX[(value >>> 16) & 0xff]! + HEX[(value >>> 8) & 0xff]! + HEX[value & 0xff]!;
}

/**
 * A UUID (version-4 layout) for row `index` of the table whose stream seed is given. The first 32 bits are a
 * bijection of the index, so the ids of one table never collide; the rest only make them look random, as
 * gen_random_uuid()'s do — btree pages then fill the way they will in production.
 */
export function uuidAt(streamSeed: number, index: number): string {
  const a = fmix32(index ^ streamSeed);
  const b = fmix32(a ^ 0x5bd1e995);
  const c = fmix32(b + index);
  const d = fmix32(c ^ streamSeed);
  const bHex = hex32(b);
  const cHex = hex32(c);
  const variant = ((parseInt(cHex[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex32(a)}-${bHex.slice(0, 4)}-4${bHex.slice(5, 8)}-${variant}${cHex.slice(1, 4)}-${cHex.slice(4, 8)}${hex32(d)}`;
}

/**
 * Splits `total` into parts proportional to `weights` (largest remainder): the parts add up to `total` exactly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError("apportion needs a positive total weight");
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}
