/**
 * Filling a Detector to a given size quickly, for cost-vs-size curves: each filler article is
 * prepared and signed once and entered in the document index, the passage index, the article
 * store, the prepared-text cache and the learned-boilerplate counts as `Detector.add` enters it,
 * but without being matched first (matching is what the timed windows measure). Filler adds no
 * verified pairs.
 */
import { DEFAULT_ALIGN_OPTIONS, MinHasher, type Detector } from '../../src/index.js';
import { prepareText } from '../../src/align/prepare.js';
import { DETECTOR_STATE } from '../../src/detect/state.js';

let hasher: MinHasher | undefined;

/** Enters `article` in every index of a default-settings `detector` without matching it. */
export async function fillArticle(detector: Detector, article: { id: string; text: string }, time: number): Promise<void> {
  hasher ??= new MinHasher();
  const prepared = prepareText(article.text, DEFAULT_ALIGN_OPTIONS);
  await detector.documents.insert(article.id, hasher.signShingles(prepared.shingles), time);
  await detector.passages.add(article.id, prepared.shingles, time);
  const record = { id: article.id, text: article.text, publishedAt: undefined, source: undefined, url: undefined, addedAt: time };
  await detector.articles.put(record);
  detector[DETECTOR_STATE]().learn(record, prepared);
}
