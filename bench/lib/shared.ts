/** Inputs several sections share, computed once per run through `ctx.memo`. */
import type { Signature } from '../../src/index.js';
import { eligible, type Doc } from './corpus.js';
import { deriveSeed } from './rng.js';
import { NearDuplicateGenerator } from './synthetic.js';
import type { BenchContext } from './types.js';

/** Loaded docs with ≥ 20 words (see `eligible`), or all docs when that leaves fewer than 2. */
export function indexDocs(ctx: BenchContext): Doc[] {
  return ctx.memo('indexDocs', () => {
    const list = eligible(ctx.docs);
    return list.length >= 2 ? list : [...ctx.docs];
  });
}

/** Signatures of `indexDocs`, by doc id. */
export function signatures(ctx: BenchContext): Map<string, Signature> {
  return ctx.memo('signatures', () => new Map(indexDocs(ctx).map((d) => [d.id, ctx.hasher.sign(d.text)])));
}

/** Sorted distinct shingle hashes of any loaded doc, cached. */
export function shinglesOf(ctx: BenchContext, doc: { id: string; text: string }): Uint32Array {
  const cache = ctx.memo('shingles', () => new Map<string, Uint32Array>());
  let s = cache.get(doc.id);
  if (!s) cache.set(doc.id, (s = ctx.hasher.shingle(doc.text)));
  return s;
}

/** The near-duplicate generator over `indexDocs`, seeded from the run seed. */
export function generator(ctx: BenchContext): NearDuplicateGenerator {
  return ctx.memo('generator', () => new NearDuplicateGenerator(indexDocs(ctx), { seed: deriveSeed(ctx.seed, 'synthetic'), hasher: ctx.hasher }));
}

/** Collapses whitespace and cuts to `n` characters, for examples in the report. */
export function excerpt(text: string, n = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
}
