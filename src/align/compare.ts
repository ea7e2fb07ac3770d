/**
 * Paragraph-level comparison of two articles by seed → score → match → judge, the shape of the
 * strongest text-alignment systems (Sanchez-Perez et al., PAN 2014 text alignment winner; passim):
 * candidate unit pairs are seeded from shared word shingles, scored by shingle overlap and
 * bounded edit similarity, matched one-to-one greedily by score, and the whole is judged by
 * coverage and by the longest order-keeping chain of alignments.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { longestIncreasingRun } from './chain.js';
import { checkLength, resolveLimits, type Limits } from './limits.js';
import { resolveAlignOptions, type AlignOptions } from './options.js';
import { prepareText, type PreparedText } from './prepare.js';
import { backgroundRarity, type RarityWeight } from './rarity.js';
import { decideRelation, directionOf, NO_DIRECTION, type Direction, type DirectionReason, type Relation } from './relation.js';
import { quotedShare } from './quoted.js';
import { LIKELY_STRENGTH, PASTED_WORDS, relationScore, type ScoreFeatures } from './score.js';
import { matchOneToOne, seedAndScore, type AlignmentKind, type Pair } from './seed.js';
import { containmentFromCounts, intersectionSize, jaccardFromCounts } from './similarity.js';
import type { TextUnit } from './units.js';

export type { AlignmentKind } from './seed.js';

/** An article to compare: its text, and optionally when it was published. */
export interface ArticleText {
  readonly text: string;
  /** A Date, an ISO string or ms since the epoch; used to tell the original from the copy. */
  readonly publishedAt?: Date | string | number | undefined;
}


/** One side of an alignment: the paragraph, and the passage's offsets in the original text. */
export interface AlignedPassage {
  /** Paragraph index (`splitParagraphs` numbering). */
  readonly paragraph: number;
  /** `text.slice(start, end)` is the aligned paragraph (or sentence, when `unit` is 'sentence'). */
  readonly start: number;
  readonly end: number;
}

/** Two passages, one in each article, that say the same thing. */
export interface Alignment {
  readonly a: AlignedPassage;
  readonly b: AlignedPassage;
  /** identical (same normalized text), near (edit similarity ≥ nearSimilarity), rewrite (shared shingles). */
  readonly kind: AlignmentKind;
  /** 1 for identical, edit similarity for near, shingle Jaccard for rewrite. */
  readonly similarity: number;
  /**
   * How strongly the pair supports reuse, in [0, 1]: 1 identical, edit similarity for near, and
   * for a rewrite its rarity-weighted shingle containment and word overlap (`rewriteStrength`).
   */
  readonly strength: number;
}

/** Everything `compare` found. */
export interface Comparison {
  readonly relation: Relation;
  /**
   * Calibrated relation score in [0, 1] (see `SCORE_THRESHOLDS`): 0.5 means as likely a copy or
   * derived pair as not on labelled news; 1 for identical texts. Orders verbatim copy ≥ light edit
   * ≥ heavy rewrite ≥ independent report ≥ unrelated.
   */
  readonly score: number;
  /** For derived and near-duplicate pairs: which one is the copy; else null. */
  readonly direction: Direction;
  /** Why `direction` was chosen: a wire credit on one side only, a later publication time, or coverage; null when no direction. */
  readonly directionReason: DirectionReason;
  /** The credited agency when `directionReason` is 'credit' (e.g. 'Reuters'), else null. */
  readonly directionCredit: string | null;
  /** Aligned passages, in the order of article a. */
  readonly alignments: readonly Alignment[];
  /** Share of each article's content characters (boilerplate and internal repeats removed) covered by alignments. */
  readonly coverage: { readonly a: number; readonly b: number };
  /** Share of alignments on the longest chain that keeps the order of both articles. */
  readonly ordered: number;
  /** Whole-text word-shingle Jaccard. */
  readonly jaccard: number;
  /** Share of a's shingles found in b, and of b's in a. */
  readonly containment: { readonly aInB: number; readonly bInA: number };
  /** The measurements `score` combines (symmetric in a and b). */
  readonly features: ScoreFeatures;
  /** 'paragraph', or 'sentence' when a paragraph was too long (or the text had no breaks). */
  readonly unit: 'paragraph' | 'sentence';
  /** Units left out of alignment because they repeat earlier units of the same article. */
  readonly repeatedUnits: { readonly a: number; readonly b: number };
  /** Units left out as boilerplate (link lines, credits, footers, learned site boilerplate). */
  readonly boilerplateUnits: { readonly a: number; readonly b: number };
}

/** Options of `compare`: any threshold of `DEFAULT_ALIGN_OPTIONS`, and input `limits`. */
export type CompareOptions = Partial<AlignOptions> & { limits?: Limits };

/** Validates and completes compare options (`limits` aside). */
export function alignOptions(options: CompareOptions | undefined): AlignOptions {
  return resolveAlignOptions(options);
}

/** Milliseconds of a publishedAt value, or undefined. */
export function toTime(value: Date | string | number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new InvalidArgumentError(`${name} must be a Date, an ISO date string or ms since the epoch, got ${describe(value)}`);
  }
  return t;
}

function articleOf(value: unknown, name: string): ArticleText {
  if (typeof value === 'string') return { text: value };
  if (value !== null && typeof value === 'object' && typeof (value as ArticleText).text === 'string') return value as ArticleText;
  throw new InvalidArgumentError(`${name} must be a string or { text, publishedAt? }, got ${describe(value)}`);
}

/**
 * Aligns two articles paragraph by paragraph and names their relation.
 *
 * @param a - the first article (text, or `{ text, publishedAt }`).
 * @param b - the second article.
 * @param options - thresholds; see `DEFAULT_ALIGN_OPTIONS`.
 * @example
 * ```ts
 * const c = compare(reutersStory, rewrite);
 * c.relation;   // 'derived'
 * c.direction;  // 'b-from-a'
 * c.alignments.map((x) => [x.a.paragraph, x.b.paragraph, x.kind]); // [[0, 0, 'rewrite'], …]
 * ```
 */
export function compare(a: string | ArticleText, b: string | ArticleText, options?: CompareOptions): Comparison {
  const articleA = articleOf(a, 'a');
  const articleB = articleOf(b, 'b');
  const o = alignOptions(options);
  const limits = resolveLimits(options?.limits);
  checkLength(articleA.text, limits, 'a length');
  checkLength(articleB.text, limits, 'b length');
  return comparePrepared(
    prepareText(articleA.text, o, toTime(articleA.publishedAt, 'a.publishedAt'), limits),
    prepareText(articleB.text, o, toTime(articleB.publishedAt, 'b.publishedAt'), limits),
    o,
  );
}

/**
 * `compare` on prepared texts. The result does not depend on argument order except for the
 * a/b labels: the work is done in a canonical order and mirrored.
 */
export function comparePrepared(pa: PreparedText, pb: PreparedText, o: AlignOptions, context: CompareContext = {}): Comparison {
  if (pb.norm < pa.norm || (pb.norm === pa.norm && pb.text < pa.text)) return mirror(alignCanonical(pb, pa, o, context));
  return alignCanonical(pa, pb, o, context);
}

/** What a corpus owner (the Detector) adds to a comparison. */
export interface CompareContext {
  /** Units to leave out as learned site boilerplate (by normalized-text hash). */
  readonly isBoilerplate?: ((unitKey: number) => boolean) | undefined;
  /** Rarity weight of each shingle; default: the built-in background table (`backgroundRarity`). */
  readonly rarity?: RarityWeight | undefined;
}

/** 0 = aligned normally, 1 = an internal repeat, 2 = boilerplate: units 1 and 2 are left out. */
function exclusions(units: readonly TextUnit[], repeatOf: Int32Array, isBoilerplate?: (key: number) => boolean): Uint8Array {
  const out = new Uint8Array(units.length);
  for (const u of units) {
    if (u.boilerplate || isBoilerplate?.(u.key)) out[u.index] = 2;
    else if (repeatOf[u.index]! >= 0) out[u.index] = 1;
  }
  return out;
}

function count(flags: Uint8Array, value: number): number {
  let n = 0;
  for (const f of flags) if (f === value) n++;
  return n;
}

function alignCanonical(pa: PreparedText, pb: PreparedText, o: AlignOptions, context: CompareContext): Comparison {
  const sentences = pa.longParagraphs || pb.longParagraphs;
  const A = pa.units(sentences);
  const B = pb.units(sentences);
  const outA = exclusions(A.units, A.repeats.of, context.isBoilerplate);
  const outB = exclusions(B.units, B.repeats.of, context.isBoilerplate);
  const rarity = context.rarity ?? defaultRarity(o.shingleSize);
  // A text with no content tokens (only punctuation, emoji, symbols) shares nothing with
  // another: nothing is aligned, and only an identical text is related to it.
  const tokenless = pa.shingles.length === 0 || pb.shingles.length === 0;
  const pairs = tokenless ? [] : seedAndScore(A.units, outA, B.units, outB, o, rarity);
  const chosen = matchOneToOne(pairs, A.units.length, B.units.length);
  chosen.sort((x, y) => x.i - y.i);
  const chainIdx = longestIncreasingRun(chosen.map((p) => p.j));
  const chain = chainIdx.map((k) => chosen[k]!);

  const totalA = liveChars(A.units, outA);
  const totalB = liveChars(B.units, outB);
  /** Share of one side's content covered by `list`, each unit weighted by `weight(pair)`. */
  const share = (list: readonly Pair[], side: 'i' | 'j', weight: (p: Pair) => number = () => 1): number => {
    const units = side === 'i' ? A.units : B.units;
    const total = side === 'i' ? totalA : totalB;
    let n = 0;
    for (const p of list) n += (units[p[side]]!.end - units[p[side]]!.start) * weight(p);
    return total === 0 ? 0 : Math.min(1, n / total);
  };
  const verbatimWeight = (p: Pair): number => (p.kind === 'rewrite' ? 0 : p.strength);
  const shared = intersectionSize(pa.shingles, pb.shingles);
  const jaccard = jaccardFromCounts(pa.shingles.length, pb.shingles.length, shared);
  const verbatimCoverage = { a: share(chosen, 'i', verbatimWeight), b: share(chosen, 'j', verbatimWeight) };
  const shortness = 1 / Math.max(1, totalA <= totalB ? liveUnits(outA) : liveUnits(outB));
  // The score's evidence: each alignment's strength, discounted where both passages are quoted
  // speech or an embedded post (independent reports share those without copying each other) —
  // the less, the fewer units the shorter text has: in a single sentence the quote is the content.
  const discount = o.quoteDiscount * (1 - shortness);
  const evidence = new Float64Array(A.units.length);
  for (const p of chosen) {
    const u = A.units[p.i]!;
    const v = B.units[p.j]!;
    const quoted = discount === 0 ? 0 : Math.min(quotedShare(pa.text, u.start, u.end), quotedShare(pb.text, v.start, v.end));
    evidence[p.i] = p.strength * (1 - discount * quoted);
  }
  const strength = (p: Pair): number => evidence[p.i]!;
  const verbatimEvidence = (p: Pair): number => (p.kind === 'rewrite' ? 0 : evidence[p.i]!);
  const covered = { a: share(chosen, 'i', strength), b: share(chosen, 'j', strength) };
  const onChain = { a: share(chain, 'i', strength), b: share(chain, 'j', strength) };
  const side = covered.a >= covered.b ? 'a' : 'b';
  const likely = (p: Pair): number => (evidence[p.i]! >= LIKELY_STRENGTH ? 1 : 0);
  const coverageLikely = Math.max(share(chosen, 'i', likely), share(chosen, 'j', likely));
  let verbatimWords = 0;
  for (const p of chosen) verbatimWords += Math.min(A.units[p.i]!.words, B.units[p.j]!.words) * verbatimEvidence(p);
  const features: ScoreFeatures = {
    coverageMax: covered[side],
    coverageMin: Math.min(covered.a, covered.b),
    coverageLikely,
    verbatim: Math.max(share(chosen, 'i', verbatimEvidence), share(chosen, 'j', verbatimEvidence)),
    rareShared: rareSharedShare(pa.shingles, pb.shingles, rarity),
    ordered: covered[side] === 0 ? 0 : onChain[side],
    pasted: Math.min(1, verbatimWords / PASTED_WORDS),
    shortness,
  };
  const identical = pa.norm === pb.norm;
  const score = identical ? 1 : relationScore(features);
  const relation = decideRelation({ identical, jaccard, score, alignments: chosen.length, verbatimCoverage }, o);
  const why =
    relation === 'derived' || relation === 'near-duplicate'
      ? directionOf({
          credits: { a: pa.credits, b: pb.credits },
          publishedAt: { a: pa.publishedAt, b: pb.publishedAt },
          chainCoverage: { a: share(chain, 'i'), b: share(chain, 'j') },
        })
      : NO_DIRECTION;
  const passage = (u: TextUnit): AlignedPassage => ({ paragraph: u.paragraph, start: u.start, end: u.end });
  return {
    relation,
    score,
    direction: why.direction,
    directionReason: why.reason,
    directionCredit: why.credit,
    alignments: chosen.map((p) => ({
      a: passage(A.units[p.i]!),
      b: passage(B.units[p.j]!),
      kind: p.kind,
      similarity: p.similarity,
      strength: p.strength,
    })),
    coverage: { a: share(chosen, 'i'), b: share(chosen, 'j') },
    ordered: chosen.length === 0 ? 0 : chain.length / chosen.length,
    jaccard,
    containment: {
      aInB: containmentFromCounts(pa.shingles.length, shared),
      bInA: containmentFromCounts(pb.shingles.length, shared),
    },
    features,
    unit: sentences ? 'sentence' : 'paragraph',
    repeatedUnits: { a: count(outA, 1), b: count(outB, 1) },
    boilerplateUnits: { a: count(outA, 2), b: count(outB, 2) },
  };
}

const rarityBySize = new Map<number, RarityWeight>();

function defaultRarity(shingleSize: number): RarityWeight {
  let r = rarityBySize.get(shingleSize);
  if (!r) rarityBySize.set(shingleSize, (r = backgroundRarity(shingleSize)));
  return r;
}

/** Rarity-weighted share of the lighter shingle set found in the other (0 when either is empty). */
function rareSharedShare(a: Uint32Array, b: Uint32Array, rarity: RarityWeight): number {
  let wa = 0;
  let wb = 0;
  let both = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      const w = rarity(x);
      wa += w;
      wb += w;
      both += w;
      i++;
      j++;
    } else if (x < y) {
      wa += rarity(x);
      i++;
    } else {
      wb += rarity(y);
      j++;
    }
  }
  const lighter = Math.min(wa, wb);
  return lighter === 0 ? 0 : both / lighter;
}

function liveUnits(excluded: Uint8Array): number {
  return count(excluded, 0);
}

function liveChars(units: readonly TextUnit[], excluded: Uint8Array): number {
  let n = 0;
  for (const u of units) if (excluded[u.index] === 0) n += u.end - u.start;
  return n;
}

/** The same comparison seen from the other side: a and b swapped, direction (and its reason) reversed. */
export function mirror(c: Comparison): Comparison {
  return {
    ...c,
    direction: c.direction === 'a-from-b' ? 'b-from-a' : c.direction === 'b-from-a' ? 'a-from-b' : null,
    alignments: c.alignments
      .map((x) => ({ a: x.b, b: x.a, kind: x.kind, similarity: x.similarity, strength: x.strength }))
      .sort((x, y) => x.a.start - y.a.start),
    coverage: { a: c.coverage.b, b: c.coverage.a },
    containment: { aInB: c.containment.bInA, bInA: c.containment.aInB },
    repeatedUnits: { a: c.repeatedUnits.b, b: c.repeatedUnits.a },
    boilerplateUnits: { a: c.boilerplateUnits.b, b: c.boilerplateUnits.a },
  };
}
