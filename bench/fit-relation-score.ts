/**
 * Chooses the defaults of the relation score (src/align/score.ts) from the development data in
 * ../shared/dev, by 5-fold cross-validation rather than pair by pair:
 *
 * 1. the rewrite-strength model, a logistic regression of people's paraphrase labels (MSRP train)
 *    on the word Dice, rarity-weighted shingle containment and length ratio of the two sentences;
 * 2. the page model, a non-negative logistic regression of copy-or-derived on the features of
 *    `Comparison.features` over the certain provenance-2018 pairs (the score mixes it with the
 *    shorter text's coverage by `shortness`; MSRP sentences, one unit each, score by step 1 alone).
 *
 * Prints the cross-validated accuracy of each step and the coefficients fitted on all the data;
 * copy those into DEFAULT_STRENGTH_MODEL and DEFAULT_SCORE_MODEL. Step 2 uses the strength model
 * in the code, so rerun after changing step 1's coefficients.
 *
 *   npx tsx bench/fit-relation-score.ts
 */
import { backgroundRarity, compare, DEFAULT_ALIGN_OPTIONS, editSimilarity, relationScore, type ScoreFeatures, type ScoreModel } from '../src/index.js';
import { prepareText } from '../src/align/prepare.js';
import { intersectionSize } from '../src/align/similarity.js';
import type { TextUnit } from '../src/align/units.js';
import { isReuse, loadDevData } from './lib/dev.js';
import { accuracyAt, crossValidate, fitLogistic, type Sample } from './lib/logistic.js';

type PageFeature = keyof ScoreModel['weights'];
const rarity = backgroundRarity(3);

/** The measures rewriteStrength reads, for the first units of two one-sentence texts. */
function measures(a: string, b: string): number[] {
  const u = prepareText(a, DEFAULT_ALIGN_OPTIONS).units(false).units[0];
  const v = prepareText(b, DEFAULT_ALIGN_OPTIONS).units(false).units[0];
  if (!u || !v) return [0, 0, 0, 0, 1];
  const weight = (x: TextUnit): number => x.shingles.reduce((n, h) => n + rarity(h), 0);
  const vs = new Set(v.shingles);
  const common = u.shingles.reduce((n, h) => n + (vs.has(h) ? rarity(h) : 0), 0);
  const dice = (x: Uint32Array, y: Uint32Array): number => (2 * intersectionSize(x, y)) / (x.length + y.length || 1);
  return [
    dice(u.tokens, v.tokens),
    common / (Math.min(weight(u), weight(v)) || 1),
    Math.min(u.words, v.words) / (Math.max(u.words, v.words) || 1),
    editSimilarity(u.norm, v.norm, DEFAULT_ALIGN_OPTIONS.maxEditChars) ?? 0,
    u.numbers.length + v.numbers.length === 0 ? 1 : dice(u.numbers, v.numbers),
  ];
}

const round = (x: number): number => Math.round(x * 100) / 100;
const dev = loadDevData();

// 1. rewrite strength on MSRP sentence pairs
const strengthSamples: Sample[] = dev.msrp.map((p) => ({ x: measures(p.a, p.b), y: p.label }));
const STRENGTH_FIT = { nonNegative: false, iterations: 3000 };
const cvStrength = crossValidate(strengthSamples, 5, STRENGTH_FIT);
const strength = fitLogistic(strengthSamples, STRENGTH_FIT);
console.log(`strength: 5-fold CV accuracy on MSRP ${accuracyAt(strengthSamples, cvStrength).toFixed(3)}`);
const MEASURES = ['wordDice', 'containment', 'lengthRatio', 'editSimilarity', 'sameNumbers'];
console.log(`  DEFAULT_STRENGTH_MODEL = { intercept: ${round(strength.intercept)}, weights: { ${MEASURES.map((k, i) => `${k}: ${round(strength.weights[i]!)}`).join(', ')} } }`);

// 2. the page model on the certain provenance pairs; MSRP sentences score by their strength (shortness 1)
const ALL_FEATURES: readonly PageFeature[] = ['coverageMax', 'coverageMin', 'coverageLikely', 'verbatim', 'rareShared', 'ordered', 'pasted'];
const CHOSEN: readonly PageFeature[] = ['coverageMin', 'verbatim', 'rareShared', 'pasted'];
const pages = dev.certain.map((p) => {
  const a = dev.pages.get(p.a)!;
  const b = dev.pages.get(p.b)!;
  return { f: compare({ text: a.text, publishedAt: a.publishedAt }, { text: b.text, publishedAt: b.publishedAt }).features, y: isReuse(p.label) ? 1 : 0 } as const;
});
const sentences = dev.msrp.map((p) => ({ f: compare(p.a, p.b).features, y: p.label }));
const PAGE_FIT = { nonNegative: true, iterations: 6000, rate: 5, l2: 1e-3 };

/** Cross-validated accuracy (mean of 3 fold seeds) of the mixed score with a page model on `features`. */
function cvAccuracy(features: readonly PageFeature[]): number {
  const samples: Sample[] = pages.map((p) => ({ x: features.map((k) => p.f[k]), y: p.y as 0 | 1 }));
  let sum = 0;
  for (const seed of [1, 2, 3]) {
    const z = crossValidate(samples, 5, PAGE_FIT, seed);
    const mixed = pages.map((p, i) => p.f.shortness * p.f.coverageMax + (1 - p.f.shortness) * z[i]!);
    sum += accuracyAt(samples, mixed);
  }
  return sum / 3;
}

for (const set of [ALL_FEATURES, CHOSEN]) console.log(`page model on ${set.join(', ')}: 5-fold CV accuracy ${cvAccuracy(set).toFixed(3)}`);
const fitted = fitLogistic(pages.map((p) => ({ x: CHOSEN.map((k) => p.f[k]), y: p.y as 0 | 1 })), PAGE_FIT);
const weights = Object.fromEntries(ALL_FEATURES.map((k) => [k, CHOSEN.includes(k) ? round(fitted.weights[CHOSEN.indexOf(k)]!) : 0]));
console.log(`  DEFAULT_SCORE_MODEL = { intercept: ${round(fitted.intercept)}, weights: ${JSON.stringify(weights)} }`);
const model = { intercept: fitted.intercept, weights: weights as ScoreModel['weights'] };
const at = (rows: readonly { f: ScoreFeatures; y: number }[]): number => rows.filter((r) => (relationScore(r.f, model) >= 0.5 ? 1 : 0) === r.y).length / rows.length;
console.log(`fitted on all: accuracy provenance ${at(pages).toFixed(3)}, MSRP ${at(sentences).toFixed(3)}`);
