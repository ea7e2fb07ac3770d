/**
 * Rarity weights of word shingles, from inverse document frequency (Spärck Jones, "A statistical
 * interpretation of term specificity", J. Documentation 1972): a shingle most documents share
 * ("said in a statement", "according to the") weighs little, a rare one (a quote) weighs 1.
 */
import { fmix32 } from '../sketch/hash.js';
import { BACKGROUND_FLOOR_SHARE, BACKGROUND_HASHES, BACKGROUND_LEVELS } from './background-phrases.js';

/** Rarity weight in [0, 1] of a shingle hash: 1 for a rare phrase, near 0 for a stock phrase. */
export type RarityWeight = (shingle: number) => number;

/** Every shingle weighs 1 (no rarity information). */
export const UNIFORM_RARITY: RarityWeight = () => 1;

/**
 * Weight of a shingle found in `share` of the documents: (ln(1/share) / ln(1/rareShare))², capped
 * at 1. Squared so that a phrase in 5% of documents weighs ~0.3 and one in 30% ~0.05.
 */
export function rarityFromShare(share: number, rareShare: number): number {
  if (share <= rareShare) return 1;
  if (share >= 1) return 0;
  const r = Math.log(share) / Math.log(rareShare);
  return r * r;
}

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The table as an open-addressing hash map (load ≤ 1/2): hash → weight in O(1). */
let table: { keys: Uint32Array; weights: Float32Array; used: Uint8Array; mask: number } | undefined;

function backgroundTable(): NonNullable<typeof table> {
  if (table) return table;
  const bytes = decode(BACKGROUND_HASHES);
  const levels = decode(BACKGROUND_LEVELS);
  const n = bytes.length >>> 2;
  let cells = 16;
  while (cells < 2 * n) cells *= 2;
  const mask = cells - 1;
  const keys = new Uint32Array(cells);
  const weights = new Float32Array(cells);
  const used = new Uint8Array(cells);
  const lnFloor = Math.log(BACKGROUND_FLOOR_SHARE);
  for (let i = 0; i < n; i++) {
    const h = (bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24)) >>> 0;
    let c = fmix32(h) & mask;
    while (used[c]) c = (c + 1) & mask;
    used[c] = 1;
    keys[c] = h;
    weights[c] = rarityFromShare(Math.exp(lnFloor * (1 - levels[i]! / 255)), BACKGROUND_FLOOR_SHARE);
  }
  return (table = { keys, weights, used, mask });
}

/**
 * Rarity from the built-in table of common English 3-shingles (see background-phrases.ts); every
 * shingle not in it weighs 1. Only meaningful for word 3-shingles: other sizes get uniform weights.
 *
 * @example
 * ```ts
 * const w = backgroundRarity(3);
 * w(shingles(tokenize('said in a statement'), 3)[0]!); // 0.3: a stock phrase
 * ```
 */
export function backgroundRarity(shingleSize: number): RarityWeight {
  if (shingleSize !== 3) return UNIFORM_RARITY;
  const { keys, weights, used, mask } = backgroundTable();
  return (h) => {
    for (let c = fmix32(h) & mask; used[c]; c = (c + 1) & mask) if (keys[c] === h) return weights[c]!;
    return 1;
  };
}

/** Articles a corpus needs before its own document frequencies weigh anything. */
export const MIN_CORPUS_DOCS = 50;
/** Document share up to which a shingle of the corpus keeps weight 1 (syndicated copies stay strong). */
export const CORPUS_RARE_SHARE = 0.1;

/**
 * Rarity from a corpus's own document frequencies (the Detector's), never above `background`:
 * once the corpus holds MIN_CORPUS_DOCS articles, a shingle in more than CORPUS_RARE_SHARE of them
 * weighs `rarityFromShare(share, CORPUS_RARE_SHARE)`. A story syndicated to a few percent of the
 * corpus keeps full weight; site furniture and house phrases in most articles fade.
 *
 * @param background - weights to start from (e.g. `backgroundRarity(3)`).
 * @param documentFrequency - in how many articles a shingle occurs (an upper bound is fine).
 * @param documents - how many articles were counted.
 */
export function corpusRarity(background: RarityWeight, documentFrequency: (h: number) => number, documents: () => number): RarityWeight {
  return (h) => {
    const w = background(h);
    const n = documents();
    if (n < MIN_CORPUS_DOCS) return w;
    const share = documentFrequency(h) / n;
    return share <= CORPUS_RARE_SHARE ? w : Math.min(w, rarityFromShare(share, CORPUS_RARE_SHARE));
  };
}
