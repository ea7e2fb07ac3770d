/**
 * Why a pair is what it is: which side is the copy and on what evidence (a wire credit and where
 * it stands, the later publication, or coverage), and the score behind the relation. Reads the
 * calibrated `score` and the `directionReason` / `directionCredit` that `compare` gives (one
 * accessor each, below); for a comparison without a reason it names the evidence from facts the
 * report has — the credits in each text, the dates, the coverage — as `decideDirection` weighs them.
 */
import type { Comparison } from '../align/index.js';
import { findCredits, splitParagraphs, type Credit } from '../text/index.js';
import { paragraphRange, percent } from './wording.js';

/** The kinds of evidence that name the copy. */
export type DirectionReasonKind = 'credit' | 'published-later' | 'coverage';

/** Why one side is the copy. */
export interface DirectionReason {
  readonly kind: DirectionReasonKind;
  /** The wire agency credited, for 'credit'. */
  readonly agency?: string | undefined;
}

/** The plain facts the fallback reasons from. */
export interface PairSides {
  readonly a: PairSide;
  readonly b: PairSide;
}

/** One side: its shown name, and what is known (text for credits, or the credits themselves; date). */
export interface PairSide {
  readonly name: string;
  readonly text?: string | undefined;
  /** Credits found in `text`, when already known (saves finding them again). */
  readonly credits?: readonly Credit[] | undefined;
  readonly publishedAt?: number | undefined;
}

/** The reasons of a pair, for JSON and for words. */
export interface PairWhy {
  /** 'a' or 'b': the side that is the copy; null when neither is known to be. */
  readonly copy: 'a' | 'b' | null;
  readonly reason: DirectionReason | null;
  /** The calibrated score of the relation (0..1), when the aligner gives one. */
  readonly score?: number;
  /** Why the copy is the copy, in words ("" when there is no copy). */
  readonly direction: string;
  /** What the relation rests on, in words. */
  readonly relation: string;
}

/** The calibrated relation score of a comparison (`Comparison.score`), when it is a finite number. */
export function scoreOf(c: Comparison): number | undefined {
  const s: unknown = c.score;
  return typeof s === 'number' && Number.isFinite(s) ? s : undefined;
}

/** The aligner's own direction reason (`directionReason`, with `directionCredit` for a credit), if it gave one. */
export function givenDirectionReason(c: Comparison): DirectionReason | undefined {
  const kind: unknown = c.directionReason;
  if (typeof kind !== 'string' || !isKind(kind)) return undefined;
  return kind === 'credit' && typeof c.directionCredit === 'string' ? { kind, agency: c.directionCredit } : { kind };
}

function isKind(s: string): s is DirectionReasonKind {
  return s === 'credit' || s === 'published-later' || s === 'coverage';
}

/** Which side a comparison names as the copy. */
export function copySide(c: Comparison): 'a' | 'b' | null {
  return c.direction === 'a-from-b' ? 'a' : c.direction === 'b-from-a' ? 'b' : null;
}

function wordCredits(side: PairSide): Credit[] {
  const all = side.credits ?? (side.text === undefined ? [] : findCredits(side.text));
  return all.filter((x) => x.kind !== 'photo');
}

/**
 * Why a pair's copy is the copy and what its relation rests on. The aligner's `directionReason`
 * wins when present; else the evidence is found the way `decideDirection` weighs it: a wire
 * credit on the copy's side only, else the later date, else coverage.
 */
export function explainPair(c: Comparison, sides: PairSides): PairWhy {
  const copy = copySide(c);
  const score = scoreOf(c);
  const relation = relationBasis(c, sides, score);
  if (copy === null) return { copy, reason: null, ...(score !== undefined ? { score } : {}), direction: '', relation };
  const original = copy === 'a' ? 'b' : 'a';
  const copyCredits = wordCredits(sides[copy]);
  const originalCredits = wordCredits(sides[original]);
  const given = givenDirectionReason(c);
  const tA = sides[copy].publishedAt;
  const tB = sides[original].publishedAt;
  const reason: DirectionReason =
    given ??
    (copyCredits.length > 0 && originalCredits.length === 0
      ? { kind: 'credit', agency: copyCredits[0]!.agency }
      : tA !== undefined && tB !== undefined && tA > tB
        ? { kind: 'published-later' }
        : { kind: 'coverage' });
  return { copy, reason, ...(score !== undefined ? { score } : {}), direction: directionWords(c, sides, copy, reason, copyCredits), relation };
}

function directionWords(c: Comparison, sides: PairSides, copy: 'a' | 'b', reason: DirectionReason, credits: readonly Credit[]): string {
  const original = copy === 'a' ? 'b' : 'a';
  const name = sides[copy].name;
  const other = sides[original].name;
  switch (reason.kind) {
    case 'credit': {
      const credit = credits.find((x) => reason.agency === undefined || x.agency === reason.agency) ?? credits[0];
      const text = sides[copy].text;
      if (!credit || text === undefined) return `${name} credits ${reason.agency ?? 'a wire service'} for its words; ${other} credits no wire service`;
      const quoted = text.slice(credit.start, credit.end).replace(/\s+/g, ' ').trim();
      const paragraph = splitParagraphs(text).find((p) => credit.start >= p.start && credit.start < p.end);
      return `${name} credits ${credit.agency} ("${quoted}"${paragraph ? `, ${paragraphRange(paragraph.index)}` : ''}); ${other} credits no wire service`;
    }
    case 'published-later': {
      const when = (t: number | undefined): string => (t === undefined ? 'an unknown date' : isoDay(t));
      return `${name} was published later (${when(sides[copy].publishedAt)}) than ${other} (${when(sides[original].publishedAt)})`;
    }
    default: {
      const mine = copy === 'a' ? c.coverage.a : c.coverage.b;
      const theirs = copy === 'a' ? c.coverage.b : c.coverage.a;
      return `${percent(mine)} of ${name} is made of ${other}'s passages, against ${percent(theirs)} of ${other}: the copy is the one mostly made of the other`;
    }
  }
}

function relationBasis(c: Comparison, sides: PairSides, score: number | undefined): string {
  const n = c.alignments.length;
  const inOrder = Math.round(c.ordered * n);
  const verbatim = c.alignments.filter((x) => x.kind !== 'rewrite').length;
  const parts = [
    n === 0
      ? 'no matching passage'
      : `${n} matching ${c.unit}${n === 1 ? '' : 's'} (${verbatim === 0 ? (n === 1 ? 'reworded' : 'all reworded') : verbatim === n ? (n === 1 ? 'word for word or lightly edited' : 'all word for word or lightly edited') : `${verbatim} word for word or lightly edited`}${n > 1 ? `, ${inOrder === n ? 'all' : inOrder} in order` : ''})`,
    `covering ${percent(c.coverage.a)} of ${sides.a.name} and ${percent(c.coverage.b)} of ${sides.b.name}`,
    `word overlap ${c.jaccard.toFixed(2)}`,
  ];
  if (score !== undefined) parts.unshift(`score ${score.toFixed(2)}`);
  return parts.join('; ');
}

/** "2024-06-23" (UTC), or the full time when not midnight. */
export function isoDay(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
