/**
 * Repeated passages inside one text: later units identical (after normalization) or nearly
 * identical (edit similarity ≥ 0.9) to an earlier one, found through an exact-text map and a
 * shingle inverted index (no all-pairs scan), then merged into blocks along diagonals as in
 * dot-plot alignment (Gibbs & McIntyre 1970; Church & Helfman, "Dotplot", 1993).
 */
import { assertOptions, assertString } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { UnitPostings, shingleTotal } from './postings.js';
import { EditBudget } from './similarity.js';
import { DEFAULT_ALIGN_OPTIONS } from './options.js';
import { textUnits, type TextUnit } from './units.js';
import { checkLength, checkParagraphs, resolveLimits, type Limits } from './limits.js';
import { splitParagraphs } from '../text/paragraphs.js';
import { insertTopK } from './top-k.js';

/** A block of consecutive paragraphs that appears again later in the same text. */
export interface Repeat {
  /** The first occurrence: paragraphs `from`..`to` (0-based, inclusive). */
  readonly first: { readonly from: number; readonly to: number };
  /** The repetition. */
  readonly second: { readonly from: number; readonly to: number };
  /** Number of paragraphs in the block. */
  readonly paragraphs: number;
  /** Lowest similarity of a paragraph pair in the block (1 = identical after normalization). */
  readonly similarity: number;
  /** Character offsets of the first occurrence in the original text. */
  readonly firstSpan: { readonly start: number; readonly end: number };
  /** Character offsets of the repetition. */
  readonly secondSpan: { readonly start: number; readonly end: number };
}

/** Options of `findRepeats`. */
export interface RepeatOptions {
  /** Edit similarity at or above which two paragraphs count as the same. Default 0.9. */
  nearSimilarity?: number;
  /** Paragraphs with fewer words are ignored (bylines, "World", "Advertisement"). Default 3. */
  minWords?: number;
  /** Longest paragraph (characters) given to edit distance; longer ones must match exactly. Default 2000. */
  maxEditChars?: number;
  /** Input limits, as the Detector's (`DEFAULT_LIMITS`); above them `LimitExceededError`. */
  limits?: Limits;
}

/** For each unit: the earlier unit it repeats (or -1) and the pair's similarity. */
export interface UnitRepeats {
  readonly of: Int32Array;
  readonly similarity: Float64Array;
}

/** Earlier units, by most shingles shared, whose edit similarity a unit may try. */
const REPEAT_EDIT_CANDIDATES = 3;

/**
 * Finds, for each unit, an earlier unit it repeats: the same text, else the first of its
 * `REPEAT_EDIT_CANDIDATES` best-sharing earlier units within edit similarity (one `EditBudget`
 * per call). Linear in units × shingles: each shingle walks at most `MAX_UNIT_POSTINGS` earlier
 * units, and once the edit budget is spent (thousands of near-identical paragraphs) only exact
 * repeats are looked for, since no candidate could be measured any more.
 */
export function repeatedUnits(units: readonly TextUnit[], nearSimilarity: number, minWords: number, maxEditChars: number): UnitRepeats {
  const of = new Int32Array(units.length).fill(-1);
  const similarity = new Float64Array(units.length);
  const firstByText = new Map<string, number>();
  const postings = new UnitPostings(shingleTotal(units));
  const shared = new Int32Array(units.length);
  const touched = new Int32Array(units.length);
  const best = new Int32Array(REPEAT_EDIT_CANDIDATES); // the best candidates so far, best first
  const bestShared = new Int32Array(REPEAT_EDIT_CANDIDATES);
  const budget = new EditBudget();
  for (const u of units) {
    if (u.words < minWords) continue;
    const exact = firstByText.get(u.norm);
    if (exact !== undefined) {
      of[u.index] = exact;
      similarity[u.index] = 1;
    } else {
      firstByText.set(u.norm, u.index);
      if (!budget.exhausted) {
        let nTouched = 0;
        for (const h of u.shingles) {
          for (let p = postings.first(h); p !== 0; p = postings.nextOf(p)) {
            const i = postings.unitOf(p);
            if ((shared[i] = shared[i]! + 1) === 1) touched[nTouched++] = i;
          }
        }
        // Edit distance only for the few earlier units sharing most shingles (at least half of
        // the smaller set), best first (ties: earlier unit first), within one budget.
        let nBest = 0;
        for (let t = 0; t < nTouched; t++) {
          const i = touched[t]!;
          const n = shared[i]!;
          shared[i] = 0;
          if (n * 2 < Math.min(u.shingles.length, units[i]!.shingles.length)) continue;
          nBest = insertTopK(best, bestShared, nBest, i, n);
        }
        for (let k = 0; k < nBest; k++) {
          const i = best[k]!;
          const sim = budget.atLeast(u.norm, units[i]!.norm, nearSimilarity, maxEditChars);
          if (sim !== undefined) {
            of[u.index] = of[i]! >= 0 ? of[i]! : i;
            similarity[u.index] = sim;
            break;
          }
        }
      }
    }
    if (!budget.exhausted) for (const h of u.shingles) postings.add(h, u.index); // else never walked again
  }
  return { of, similarity };
}

/** Merges unit-level repeats into blocks of consecutive units along one diagonal. */
export function repeatBlocks(units: readonly TextUnit[], found: UnitRepeats): Repeat[] {
  const blocks: Repeat[] = [];
  let open: { f0: number; f1: number; s0: number; s1: number; sim: number } | undefined;
  const close = (): void => {
    if (!open) return;
    const { f0, f1, s0, s1, sim } = open;
    blocks.push({
      first: { from: units[f0]!.paragraph, to: units[f1]!.paragraph },
      second: { from: units[s0]!.paragraph, to: units[s1]!.paragraph },
      paragraphs: s1 - s0 + 1,
      similarity: sim,
      firstSpan: { start: units[f0]!.start, end: units[f1]!.end },
      secondSpan: { start: units[s0]!.start, end: units[s1]!.end },
    });
    open = undefined;
  };
  for (let j = 0; j < units.length; j++) {
    const i = found.of[j]!;
    if (i < 0) {
      close();
      continue;
    }
    if (open && j === open.s1 + 1 && i === open.f1 + 1 && i < open.s0) {
      open.f1 = i;
      open.s1 = j;
      open.sim = Math.min(open.sim, found.similarity[j]!);
    } else {
      close();
      open = { f0: i, f1: i, s0: j, s1: j, sim: found.similarity[j]! };
    }
  }
  close();
  return blocks;
}

/**
 * Blocks of paragraphs that a text repeats: a publishing error that pasted six paragraphs twice,
 * a headline printed twice, a pull quote. Each block names the first occurrence and the
 * repetition by paragraph numbers (0-based, inclusive, as `splitParagraphs` counts) and by
 * character offsets into `text`.
 *
 * @example
 * ```ts
 * const [block] = findRepeats(article001);
 * block.first;  // { from: 2, to: 7 }
 * block.second; // { from: 8, to: 13 }
 * article001.slice(block.secondSpan.start, block.secondSpan.end); // the pasted copy
 * ```
 */
export function findRepeats(text: string, options: RepeatOptions = {}): Repeat[] {
  assertString(text, 'text');
  assertOptions(options, 'findRepeats options');
  const {
    nearSimilarity = DEFAULT_ALIGN_OPTIONS.repeatSimilarity,
    minWords = DEFAULT_ALIGN_OPTIONS.repeatMinWords,
    maxEditChars = DEFAULT_ALIGN_OPTIONS.maxEditChars,
  } = options;
  if (typeof nearSimilarity !== 'number' || !(nearSimilarity > 0 && nearSimilarity <= 1)) {
    throw new InvalidArgumentError(`nearSimilarity must be a number in (0, 1], got ${String(nearSimilarity)}`);
  }
  if (!Number.isInteger(minWords) || minWords < 1) throw new InvalidArgumentError(`minWords must be an integer ≥ 1, got ${String(minWords)}`);
  if (!Number.isInteger(maxEditChars) || maxEditChars < 0) {
    throw new InvalidArgumentError(`maxEditChars must be an integer ≥ 0, got ${String(maxEditChars)}`);
  }
  const limits = resolveLimits(options.limits);
  checkLength(text, limits);
  const paragraphs = splitParagraphs(text);
  checkParagraphs(paragraphs.length, limits);
  const units = textUnits(text, { shingleSize: DEFAULT_ALIGN_OPTIONS.shingleSize, sentences: false }, paragraphs, () => false); // boilerplate is not looked at here
  return repeatBlocks(units, repeatedUnits(units, nearSimilarity, minWords, maxEditChars));
}
