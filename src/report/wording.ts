/**
 * Plain-language wording of what neardup found, shared by the HTML report and the CLI: relation
 * labels a journalist reads ("001 is a rewrite of 000", not "b-from-a"), percentages and
 * paragraph numbers counted from 1.
 */
import type { AlignmentKind, Direction, Relation } from '../align/index.js';
import { assertFinite, assertInteger, assertRecord, assertString } from '../validate.js';
import { checkAlignments, checkDirection, checkKind, checkRelation } from './checks.js';

/** What the wording of a pair needs: the two names, the relation, and optionally the alignments. */
export interface PairFacts {
  readonly a: string;
  readonly b: string;
  readonly relation: Relation;
  /** As in `Comparison`: 'a-from-b' means a is the copy. */
  readonly direction: Direction;
  /** Kinds of the aligned passages, to tell a rewrite from a partial copy. */
  readonly alignments?: readonly { readonly kind: AlignmentKind }[];
}

/** One sentence saying what a is to b, e.g. "001 is a rewrite of 000". */
export function describePair(p: PairFacts): string {
  assertRecord(p, 'describePair(p)', '{ a, b, relation, direction, alignments? }');
  assertString(p.a, 'p.a');
  assertString(p.b, 'p.b');
  checkRelation(p.relation, 'p.relation');
  checkDirection(p.direction, 'p.direction');
  checkAlignments(p.alignments, 'p.alignments');
  const copy = p.direction === 'a-from-b' ? p.a : p.direction === 'b-from-a' ? p.b : undefined;
  const original = copy === p.a ? p.b : p.a;
  switch (p.relation) {
    case 'duplicate':
      return copy ? `${copy} is an exact copy of ${original}` : `${p.a} and ${p.b} are the same text`;
    case 'near-duplicate':
      return copy ? `${copy} is a lightly edited copy of ${original}` : `${p.a} and ${p.b} are nearly the same text`;
    case 'derived': {
      const rewritten = p.alignments ? isMostlyRewritten(p.alignments) : true;
      if (!copy) return `${p.a} and ${p.b} are versions of one text (which came first is unclear)`;
      return rewritten ? `${copy} is a rewrite of ${original}` : `${copy} copies passages of ${original}`;
    }
    case 'related':
      return `${p.a} and ${p.b} share a few passages; neither copies the other`;
    default:
      return `${p.a} and ${p.b} share no passages`;
  }
}

/** True if most aligned passages were reworded rather than copied word for word. */
function isMostlyRewritten(alignments: readonly { readonly kind: AlignmentKind }[]): boolean {
  let rewrites = 0;
  for (const x of alignments) if (x.kind === 'rewrite') rewrites++;
  return rewrites * 2 >= alignments.length;
}

/**
 * Short plain label of a relation, for a table cell or a badge. Given the alignments, a derived
 * pair is called a "rewrite" or a "partial copy"; without them, "rewrite or partial copy".
 */
export function relationLabel(relation: Relation, alignments?: readonly { readonly kind: AlignmentKind }[]): string {
  checkRelation(relation, 'relation');
  checkAlignments(alignments, 'alignments');
  switch (relation) {
    case 'duplicate':
      return 'exact copy';
    case 'near-duplicate':
      return 'near-copy';
    case 'derived':
      return alignments ? (isMostlyRewritten(alignments) ? 'rewrite' : 'partial copy') : 'rewrite or partial copy';
    case 'related':
      return 'related';
    default:
      return 'unrelated';
  }
}

/** How an aligned pair of passages differs, in plain words. */
export function kindLabel(kind: AlignmentKind): string {
  checkKind(kind, 'kind');
  switch (kind) {
    case 'identical':
      return 'identical';
    case 'near':
      return 'lightly edited';
    default:
      return 'reworded';
  }
}

/** A share in [0, 1] as a whole percentage: 0.7787 → "78%". Tiny non-zero shares show as "<1%". */
export function percent(x: number): string {
  assertFinite(x, 'percent(x)');
  if (x > 0 && x < 0.005) return '<1%';
  return `${Math.round(x * 100)}%`;
}

/** A 0-based inclusive paragraph range as readers count it: (2, 7) → "¶3–8", (0, 0) → "¶1". */
export function paragraphRange(from: number, to: number = from): string {
  assertInteger(from, 'from', 0);
  assertInteger(to, 'to', 0);
  return from === to ? `¶${from + 1}` : `¶${from + 1}–${to + 1}`;
}

/** "1 paragraph", "6 paragraphs". */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/**
 * What a cluster member is to the cluster's original, as a phrase: "rewrite of the original",
 * "exact copy of the original", "shares passages with the original". `memberIsCopy` is true when
 * the member is the copy, false when the original was judged to copy it, undefined when unknown.
 */
export function memberRole(
  relation: Relation,
  alignments: readonly { readonly kind: AlignmentKind }[] | undefined,
  memberIsCopy: boolean | undefined,
): string {
  if (relation === 'related') return 'shares passages with the original';
  if (relation === 'unrelated') return 'shares no passage with the original';
  const label = relationLabel(relation, alignments);
  const article = /^[aeiou]/.test(label) ? 'an' : 'a';
  if (memberIsCopy === true) return `${label} of the original`;
  if (memberIsCopy === false) return `the original is ${article} ${label} of it (by the evidence), though published first`;
  return `${label} of the original (which came first is unclear)`;
}

/** "4 exact copies, 0 near-copies, 1 rewrite or partial copy, 0 related". */
export function pairsByRelationWords(r: { readonly duplicate: number; readonly 'near-duplicate': number; readonly derived: number; readonly related: number }): string {
  return `${plural(r.duplicate, 'exact copy', 'exact copies')}, ${plural(r['near-duplicate'], 'near-copy', 'near-copies')}, ${plural(r.derived, 'rewrite or partial copy', 'rewrites or partial copies')}, ${r.related} related`;
}
