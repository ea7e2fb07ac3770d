/**
 * Candidate unit pairs of two texts: seeded from shared word shingles (every pair for short
 * texts), scored as identical, near (bounded edit similarity) or rewrite (rarity-weighted shingle
 * overlap, word overlap: `rewriteStrength`), then matched one-to-one greedily by score — the seed
 * and extension steps of text-alignment systems (Sanchez-Perez et al., PAN 2014; passim).
 */
import type { AlignOptions } from './options.js';
import { UnitPostings, shingleTotal } from './postings.js';
import type { RarityWeight } from './rarity.js';
import { rewriteStrength } from './score.js';
import { EditBudget, intersectionSize, jaccardFromCounts } from './similarity.js';
import type { TextUnit } from './units.js';
import { insertTopK } from './top-k.js';

/** How an aligned pair of passages differs. */
export type AlignmentKind = 'identical' | 'near' | 'rewrite';

/** Candidate b units considered per a unit for edit distance, by shared shingles. */
const EDIT_CANDIDATES = 5;
/** Texts whose unit counts multiply to at most this compare every unit pair (a brief, a sentence). */
const SHORT_TEXT_PAIRS = 16;
/** Units up to this many characters get an edit similarity whatever their length ratio (short rewrites). */
const SHORT_UNIT_CHARS = 400;

/** One candidate alignment of unit i of a with unit j of b. */
export interface Pair {
  readonly i: number;
  readonly j: number;
  readonly kind: AlignmentKind;
  readonly similarity: number;
  /** Alignment strength in [0, 1]: 1 identical, edit similarity for near, rewriteStrength for rewrite. */
  readonly strength: number;
  /** Matching priority: identical, then near, then rewrites by strength. */
  readonly score: number;
}

function weightOf(shingles: Uint32Array, rarity: RarityWeight): number {
  let w = 0;
  for (const h of shingles) w += rarity(h);
  return w;
}

/** 2|A ∩ B| / (|A| + |B|) of two sorted word-hash sets. */
function dice(a: Uint32Array, b: Uint32Array): number {
  const n = a.length + b.length;
  return n === 0 ? 0 : (2 * intersectionSize(a, b)) / n;
}

/**
 * Seeds candidate pairs from shared shingles and exact texts, and scores each. Edit distance is
 * tried on at most `EDIT_CANDIDATES` units per unit, after cheap lower bounds, within one
 * `EditBudget` per call; past it pairs are judged by shingle and word overlap alone.
 */
export function seedAndScore(
  A: readonly TextUnit[],
  outA: Uint8Array,
  B: readonly TextUnit[],
  outB: Uint8Array,
  o: AlignOptions,
  rarity: RarityWeight,
): Pair[] {
  const postings = new UnitPostings(shingleTotal(B));
  const byText = new Map<string, number>();
  const weightB = new Float64Array(B.length);
  for (const u of B) {
    if (outB[u.index] !== 0) continue;
    if (!byText.has(u.norm)) byText.set(u.norm, u.index);
    for (const h of u.shingles) postings.add(h, u.index);
    weightB[u.index] = weightOf(u.shingles, rarity);
  }
  const shared = new Int32Array(B.length);
  const sharedWeight = new Float64Array(B.length);
  const touched = new Int32Array(B.length);
  const top = new Int32Array(EDIT_CANDIDATES); // the touched units sharing most shingles, best first
  const topShared = new Int32Array(EDIT_CANDIDATES);
  const tokensB = new Int32Array(B.length).fill(-1); // distinct words of each b unit, once looked up
  /** Short texts (briefs, single sentences): every unit pair is a candidate, shared shingles or not. */
  const small = A.length * B.length <= SHORT_TEXT_PAIRS;
  const pairs: Pair[] = [];
  const budget = new EditBudget();
  /** Scores unit u of a against unit j of b; `rank` orders j among u's candidates by shared shingles. */
  const score = (u: TextUnit, j: number, rank: number, count: number, common: number, weightA: number, same: number | undefined): void => {
    if (j === same) {
      pairs.push({ i: u.index, j, kind: 'identical', similarity: 1, strength: 1, score: 3 });
      return;
    }
    const wJaccard = common / (weightA + weightB[j]! - common || 1);
    const wContainment = common / (Math.min(weightA, weightB[j]!) || 1);
    const seeded = count >= o.rewriteMinShared && (wJaccard >= o.rewriteJaccard || wContainment >= o.rewriteContainment);
    if (!seeded && rank >= EDIT_CANDIDATES) {
      // No edit distance for this pair: it is kept only on word overlap, which cannot reach
      // rewriteWordDice when one unit has 3× the distinct words of the other (2·min/(sum) bound).
      const tu = u.tokens.length;
      const tv = tokensB[j]! >= 0 ? tokensB[j]! : (tokensB[j] = B[j]!.tokens.length);
      if ((2 * Math.min(tu, tv)) / (tu + tv || 1) < o.rewriteWordDice) return;
    }
    const v = B[j]!;
    let sim: number | undefined;
    const longer = Math.max(u.norm.length, v.norm.length);
    if (rank < EDIT_CANDIDATES && Math.min(u.norm.length, v.norm.length) >= o.nearSimilarity * longer) {
      if (budget.mayReach(u.norm, v.norm, o.nearSimilarity)) sim = budget.measure(u.norm, v.norm, o.maxEditChars);
      if (sim !== undefined && sim >= o.nearSimilarity) {
        pairs.push({ i: u.index, j, kind: 'near', similarity: sim, strength: sim, score: 2 + sim });
        return;
      }
    }
    const wordDice = dice(u.tokens, v.tokens);
    if (!seeded && wordDice < o.rewriteWordDice) return;
    const lengthRatio = Math.min(u.words, v.words) / (Math.max(u.words, v.words) || 1);
    if (sim === undefined && rank < EDIT_CANDIDATES && longer <= SHORT_UNIT_CHARS) sim = budget.measure(u.norm, v.norm, o.maxEditChars);
    const strength = rewriteStrength(
      {
        wordDice,
        containment: wContainment,
        lengthRatio,
        editSimilarity: sim ?? wordDice * lengthRatio,
        sameNumbers: u.numbers.length + v.numbers.length === 0 ? 1 : dice(u.numbers, v.numbers),
      },
      o.nearSimilarity,
    );
    const jac = jaccardFromCounts(u.shingles.length, v.shingles.length, count);
    pairs.push({ i: u.index, j, kind: 'rewrite', similarity: jac, strength, score: strength + wJaccard / 100 });
  };
  for (const u of A) {
    if (outA[u.index] !== 0) continue;
    let n = 0;
    const same = byText.get(u.norm);
    let weightA = 0;
    for (const h of u.shingles) {
      const w = rarity(h);
      weightA += w;
      for (let p = postings.first(h); p !== 0; p = postings.nextOf(p)) {
        const j = postings.unitOf(p);
        sharedWeight[j] = sharedWeight[j]! + w;
        if ((shared[j] = shared[j]! + 1) === 1) touched[n++] = j;
      }
    }
    if (same !== undefined && shared[same] === 0) touched[n++] = same;
    if (small) for (const v of B) if (outB[v.index] === 0 && shared[v.index] === 0 && v.index !== same) touched[n++] = v.index;
    // The EDIT_CANDIDATES units sharing most shingles (ties: earlier unit first) are scored first,
    // in that order (they spend the edit budget); the others in any order (matching sorts pairs).
    let nTop = 0;
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      const c = shared[j]!;
      nTop = insertTopK(top, topShared, nTop, j, c);
    }
    for (let rank = 0; rank < nTop; rank++) {
      const j = top[rank]!;
      score(u, j, rank, shared[j]!, sharedWeight[j]!, weightA, same);
      shared[j] = -1; // scored
      sharedWeight[j] = 0;
    }
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      const c = shared[j]!;
      shared[j] = 0;
      if (c < 0) continue;
      const common = sharedWeight[j]!;
      sharedWeight[j] = 0;
      score(u, j, EDIT_CANDIDATES, c, common, weightA, same);
    }
  }
  return pairs;
}

/** Greedy one-to-one matching by descending score (ties: earlier units first). */
export function matchOneToOne(pairs: Pair[], nA: number, nB: number): Pair[] {
  pairs.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedA = new Uint8Array(nA);
  const usedB = new Uint8Array(nB);
  const out: Pair[] = [];
  for (const p of pairs) {
    if (usedA[p.i] || usedB[p.j]) continue;
    usedA[p.i] = 1;
    usedB[p.j] = 1;
    out.push(p);
  }
  return out;
}
