/**
 * Seeded near-duplicates with controlled edits, and the TRUE Jaccard of each copy to its source
 * on the hasher's shingle sets (word 3-shingles by default). Word substitutions and deletions at a
 * set rate, paragraph reorder, a paragraph added (from another document) or dropped, boilerplate
 * lines added. The same (seed, source id, edit) always gives the same copy, in any order of calls.
 * Reused by the `synthetic` section and, later, the Detector section.
 *
 * @example
 * ```ts
 * const gen = new NearDuplicateGenerator(docs, { seed: 42 });
 * const copy = gen.make(docs[0], { kind: 'substitute', rate: 0.1 });
 * copy.trueJaccard; // ≈ 0.6 for 10% of words replaced
 * ```
 */
import { MinHasher, splitParagraphs, splitSentences, tokenize } from '../../src/index.js';
import { deriveSeed, Rng } from './rng.js';
import { exactJaccard } from './sets.js';

export type Edit =
  /** Replace round(rate·n) of the n whitespace-separated words by words of the vocabulary. */
  | { readonly kind: 'substitute'; readonly rate: number }
  /** Delete round(rate·n) of the words. */
  | { readonly kind: 'delete'; readonly rate: number }
  /** Shuffle the paragraphs (sentences, when there is one paragraph) into another order. */
  | { readonly kind: 'reorder' }
  /** Insert one paragraph of another document at a random place. */
  | { readonly kind: 'add-paragraph' }
  /** Remove one paragraph (or sentence). */
  | { readonly kind: 'drop-paragraph' }
  /** Add `lines` (default 3) boilerplate lines: "Read more", share and copyright lines. */
  | { readonly kind: 'boilerplate'; readonly lines?: number }
  /**
   * A rewrite as another outlet makes it: keep round(keep·n) of the n paragraphs (sentences, in
   * one-paragraph texts), in order, and substitute a share `rate` of each kept paragraph's words.
   * A paragraph then keeps about (1 − rate)³ of its word 3-shingles (rate 0.33 → ~30%), and the
   * whole text's Jaccard to the source falls to ~0.1–0.2: invisible to whole-document MinHash.
   */
  | { readonly kind: 'rewrite'; readonly keep: number; readonly rate: number };

/** The edits the `synthetic` section measures: word edits at 5–50%, then the structural ones. */
export const STANDARD_EDITS: readonly Edit[] = [
  ...[0.05, 0.1, 0.2, 0.3, 0.5].map((rate): Edit => ({ kind: 'substitute', rate })),
  ...[0.05, 0.1, 0.2, 0.3, 0.5].map((rate): Edit => ({ kind: 'delete', rate })),
  { kind: 'reorder' },
  { kind: 'add-paragraph' },
  { kind: 'drop-paragraph' },
  { kind: 'boilerplate' },
];

/**
 * Rewrite-like copies: 60 or 80% of the paragraphs kept in order, each keeping ~40%, ~30% or
 * ~20% of its word 3-shingles (substitution rate 1 − t^(1/3)).
 */
export const REWRITE_EDITS: readonly Edit[] = [0.6, 0.8].flatMap((keep) =>
  [0.4, 0.3, 0.2].map((t): Edit => ({ kind: 'rewrite', keep, rate: Math.round((1 - Math.cbrt(t)) * 1000) / 1000 })),
);

/** Lines that sites add around syndicated copy. */
export const BOILERPLATE_LINES: readonly string[] = [
  'Read more: Markets wrap up a volatile week as investors weigh rate outlook',
  'Follow us on Twitter and Facebook for the latest updates.',
  'Copyright 2024 The Daily Courier. All rights reserved.',
  'Sign up for our morning newsletter to get the day’s top stories in your inbox.',
  'Share this article: Facebook | Twitter | LinkedIn | Email',
  'Advertisement',
  'This story has been updated with additional reporting.',
  'Photo: File image. Credit: staff photographer.',
  'Source link',
  'Related coverage: more stories from our business desk',
];

export function editLabel(edit: Edit): string {
  switch (edit.kind) {
    case 'substitute':
    case 'delete':
      return `${edit.kind} ${Math.round(edit.rate * 100)}%`;
    case 'boilerplate':
      return `boilerplate +${edit.lines ?? 3} lines`;
    case 'rewrite':
      return `rewrite keep ${Math.round(edit.keep * 100)}% sub ${Math.round(edit.rate * 100)}%`;
    default:
      return edit.kind;
  }
}

export interface SourceDoc {
  readonly id: string;
  readonly text: string;
}

export interface NearDuplicate {
  /** `<source id>~<edit label>`. */
  readonly id: string;
  readonly sourceId: string;
  readonly edit: Edit;
  readonly label: string;
  readonly text: string;
  /** Exact Jaccard of the copy's shingle set and its source's. */
  readonly trueJaccard: number;
}

export interface GeneratorOptions {
  readonly seed: number;
  /** The shingling that defines true Jaccard. Default: new MinHasher() (word 3-shingles). */
  readonly hasher?: MinHasher;
  /** Replacement words. Default: distinct words of ≥ 3 letters from the first 500 documents. */
  readonly vocabulary?: readonly string[];
}

/** Paragraphs of a text, or its sentences when it has a single paragraph. */
export function units(text: string): string[] {
  const paras = splitParagraphs(text).map((p) => p.text);
  if (paras.length >= 2) return paras;
  const sentences = splitSentences(text).map((s) => s.text);
  return sentences.length >= 2 ? sentences : paras;
}

export class NearDuplicateGenerator {
  readonly seed: number;
  readonly hasher: MinHasher;
  private readonly docs: readonly SourceDoc[];
  private readonly vocabulary: readonly string[];
  private readonly sourceShingles = new Map<string, Uint32Array>();

  /** @param docs - the documents copies are made from; also the donors of added paragraphs. */
  constructor(docs: readonly SourceDoc[], options: GeneratorOptions) {
    if (docs.length === 0) throw new Error('NearDuplicateGenerator needs at least one document');
    this.docs = docs;
    this.seed = options.seed >>> 0;
    this.hasher = options.hasher ?? new MinHasher();
    this.vocabulary = options.vocabulary ?? buildVocabulary(docs.slice(0, 500).map((d) => d.text));
    if (this.vocabulary.length < 2) throw new Error('the vocabulary needs at least two words');
  }

  /** A copy of `source` with `edit` applied, and its true Jaccard to the source. */
  make(source: SourceDoc, edit: Edit): NearDuplicate {
    const label = editLabel(edit);
    const text = this.apply(source, edit, this.rngFor(source, edit));
    let base = this.sourceShingles.get(source.id);
    if (!base) {
      base = this.hasher.shingle(source.text);
      if (this.sourceShingles.size > 50_000) this.sourceShingles.clear();
      this.sourceShingles.set(source.id, base);
    }
    return { id: `${source.id}~${label}`, sourceId: source.id, edit, label, text, trueJaccard: exactJaccard(base, this.hasher.shingle(text)) };
  }

  /** Only the edited text of `make` (no Jaccard): for bulk inputs. */
  text(source: SourceDoc, edit: Edit): string {
    return this.apply(source, edit, this.rngFor(source, edit));
  }

  /** The randomness of one (source, edit): independent of call order. */
  private rngFor(source: SourceDoc, edit: Edit): Rng {
    return new Rng(deriveSeed(this.seed, `${source.id}\u0000${JSON.stringify(edit)}`));
  }

  /** Every (source, edit) copy, sources outer. */
  makeAll(sources: readonly SourceDoc[], edits: readonly Edit[]): NearDuplicate[] {
    const out: NearDuplicate[] = [];
    for (const s of sources) for (const e of edits) out.push(this.make(s, e));
    return out;
  }

  /** Applies one edit with the given randomness. */
  apply(source: SourceDoc, edit: Edit, rng: Rng): string {
    const text = source.text;
    switch (edit.kind) {
      case 'substitute':
      case 'delete':
        return this.editWords(text, edit.kind, edit.rate, rng);
      case 'reorder': {
        const u = units(text);
        if (u.length < 2) return text;
        const order = u.map((_, i) => i);
        for (let tries = 0; tries < 10 && order.every((v, i) => v === i); tries++) rng.shuffle(order);
        if (order.every((v, i) => v === i)) order.reverse();
        return order.map((i) => u[i]).join('\n\n');
      }
      case 'add-paragraph': {
        const u = units(text);
        let donor = rng.pick(this.docs);
        for (let tries = 0; tries < 10 && donor.id === source.id; tries++) donor = rng.pick(this.docs);
        const extra = rng.pick(units(donor.text));
        u.splice(rng.int(u.length + 1), 0, extra);
        return u.join('\n\n');
      }
      case 'drop-paragraph': {
        const u = units(text);
        if (u.length < 2) return text;
        u.splice(rng.int(u.length), 1);
        return u.join('\n\n');
      }
      case 'boilerplate': {
        const u = units(text);
        const lines = edit.lines ?? 3;
        for (let i = 0; i < lines; i++) u.splice(rng.int(u.length + 1), 0, rng.pick(BOILERPLATE_LINES));
        return u.join('\n\n');
      }
      case 'rewrite': {
        if (!(edit.keep > 0 && edit.keep <= 1)) throw new Error(`keep must be in (0, 1], got ${edit.keep}`);
        const u = units(text);
        const kept = rng.sampleIndexes(u.length, Math.max(1, Math.round(edit.keep * u.length)));
        return kept.map((i) => this.editWords(u[i]!, 'substitute', edit.rate, rng)).join('\n\n');
      }
    }
  }

  private editWords(text: string, kind: 'substitute' | 'delete', rate: number, rng: Rng): string {
    if (!(rate >= 0 && rate <= 1)) throw new Error(`rate must be in [0, 1], got ${rate}`);
    const words = [...text.matchAll(/\S+/g)];
    const chosen = new Set(rng.sampleIndexes(words.length, Math.round(rate * words.length)));
    let out = '';
    let last = 0;
    for (let i = 0; i < words.length; i++) {
      if (!chosen.has(i)) continue;
      const m = words[i]!;
      out += text.slice(last, m.index);
      if (kind === 'substitute') {
        let w = rng.pick(this.vocabulary);
        if (w === m[0].toLowerCase()) w = rng.pick(this.vocabulary);
        out += w;
      }
      last = m.index! + m[0].length;
    }
    return out + text.slice(last);
  }
}

/** Distinct alphabetic words of 3+ letters, in order of first appearance. */
export function buildVocabulary(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) for (const w of tokenize(t)) if (w.length >= 3 && /^[a-z]+$/.test(w)) seen.add(w);
  return [...seen];
}

/**
 * The substitution rate whose expected Jaccard is `j`: replacing a share r of the words breaks
 * about 1-(1-r)^k of the k-shingles, so J ≈ x / (2 - x) with x = (1-r)^k.
 */
export function rateForJaccard(j: number, shingleSize = 3): number {
  const x = (2 * j) / (1 + j);
  return 1 - Math.pow(x, 1 / shingleSize);
}
