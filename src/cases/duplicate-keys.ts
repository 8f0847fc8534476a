/**
 * Keys that find a complaint's repeats (并单) through an index, whatever the number of open cases.
 *
 * A repeat is judged by the Dice coefficient of the character-pair sets of two complaints (text and
 * place, words only; see duplicates.ts). For sets, Dice d and Jaccard j are one measure:
 * j = d / (2 − d), so Dice 0.6 is Jaccard 0.43. MinHash estimates Jaccard: for a random order of all
 * character pairs, two sets have the same smallest pair with probability j. Locality-sensitive
 * hashing groups the MinHash values in BANDS bands of ROWS values and keys each band: two sets
 * share a key with probability 1 − (1 − j^ROWS)^BANDS.
 *
 * With 32 bands of 3, on the 6,182 real messages (`npm run eval:duplicates`, each department's
 * messages standing for its open complaints): a pair at exactly Dice 0.6 shares a key with
 * probability 0.93 by the formula (0.9995 at Dice 0.75); the keys find all 210 real pairs at Dice ≥ 0.6
 * (16 of 16 below 0.7) and 6,154 of 6,155 re-tellings, and a complaint's keys fetch 0.4 others on
 * average (p99 5, max 12) of its department's 418–1,347. Unrelated messages (Jaccard ≈ 0.05) share
 * a key with probability 0.004, so the candidates are the look-alikes, not the backlog. The keys are
 * stored with the case (`Case.dupKeys`, GIN-indexed) when it is filed.
 */

export const BANDS = 32;
export const ROWS = 3;

/** Only the words count: punctuation, spaces and numbers vary between people telling the same thing. */
export const normalise = (s: string) => s.replace(/[\s\p{P}\p{S}\d]/gu, "").toLowerCase();

/** The text a complaint is compared by: its words and its place's. */
export const comparable = (c: { text: string; location: string | null }) => normalise(`${c.text}${c.location ?? ""}`);

/**
 * The distinct character pairs of a text, as the Dice coefficient of `natural` takes them (a single
 * character is padded with a space), each as one number (first UTF-16 unit × 65536 + second), in
 * ascending order. Numbers in one typed array, not a Set of two-character strings: 并单 scores every
 * look-alike of every routed complaint, and a Set of strings per look-alike was a tenth of what the
 * workers allocated in bench:pipeline.
 */
export function pairs(s: string): Uint32Array {
  const t = s.length === 1 ? `${s} ` : s;
  const n = Math.max(0, t.length - 1);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1);
  all.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (k === 0 || all[i] !== all[k - 1]) all[k++] = all[i];
  return all.subarray(0, k);
}

/** Dice coefficient of two sets of character pairs (each ascending and distinct, as `pairs` gives them). */
export function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) shared++, i++, j++;
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** murmur3's finaliser: every input bit moves every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds, one per MinHash function: the keys of a text never change between processes or versions. */
const SEEDS = Uint32Array.from({ length: 256 }, (_, i) => mix(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/**
 * The BANDS keys of a complaint (signed 32-bit, as Postgres `int4`), or none when it has no pair of
 * characters to compare. Keys of different bands are hashed apart, so one band never matches another.
 */
export function duplicateKeys(c: { text: string; location: string | null }): number[] {
  return bandKeys(pairs(comparable(c)));
}

/** The keys of a set of character pairs (`pairs`) with `bands` bands of `rows` MinHash values (other shapes: for measuring). */
export function bandKeys(set: Uint32Array, bands = BANDS, rows = ROWS): number[] {
  if (set.length === 0) return [];
  const k = bands * rows;
  if (k > SEEDS.length) throw new Error(`at most ${SEEDS.length} MinHash values`);
  const min = new Uint32Array(k).fill(0xffffffff);
  for (const p of set) {
    // As the keys were first computed from two-character strings: (first << 16) ^ (second || 0x20).
    const h = mix(p & 0xffff ? p : p | 0x20);
    for (let i = 0; i < k; i++) {
      const v = mix(h ^ SEEDS[i]);
      if (v < min[i]) min[i] = v;
    }
  }
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = mix(0x5bd1e995 ^ b);
    for (let r = 0; r < rows; r++) h = mix(h ^ min[b * rows + r]) + r;
    keys.push(mix(h) | 0);
  }
  return keys;
}
