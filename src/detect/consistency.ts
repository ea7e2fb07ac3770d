/**
 * What a Detector's three stores must agree on, and how to find where they do not. The article
 * store is the commit marker: an article is present when its record is there, and a reader
 * ignores index entries without one. A crash part-way through an add or a remove (or through
 * the non-atomic writes of versions before 0.1.1) can leave index entries without an article
 * (orphans), or an article missing from an index (unindexed); `Detector.verify()` lists both and
 * `Detector.repair()` mends them.
 */
import type { LshIndex } from '../index/lsh-index.js';
import type { PassageIndex } from '../index/passage-index.js';
import type { DetectorStore } from './store.js';

/** What `Detector.verify()` found, or `Detector.repair()` mended. */
export interface ConsistencyReport {
  /** True when the stores agree. */
  readonly ok: boolean;
  /** Ids in the document or passage index without an article record: invisible, and removed by repair. */
  readonly orphans: readonly string[];
  /** Articles missing from the document or passage index: found by fewer matches; re-indexed by repair. */
  readonly unindexed: readonly string[];
}

/** The three stores of a Detector. */
export interface DetectorStores {
  readonly documents: LshIndex;
  readonly passages: PassageIndex;
  readonly articles: DetectorStore;
}

/** Lists orphans and unindexed articles (sorted). Reads every id of the three stores. */
export async function findInconsistencies(stores: DetectorStores): Promise<ConsistencyReport> {
  const articles = new Set(await stores.articles.ids());
  const documents = new Set<string>();
  for await (const d of stores.documents.storage.entries()) documents.add(d.id);
  const passages = new Set<string>();
  for await (const p of stores.passages.storage.entries()) passages.add(p.id);
  const orphans = new Set<string>();
  for (const id of documents) if (!articles.has(id)) orphans.add(id);
  for (const id of passages) if (!articles.has(id)) orphans.add(id);
  const unindexed: string[] = [];
  for (const id of articles) if (!documents.has(id) || !passages.has(id)) unindexed.push(id);
  const sorted = [...orphans].sort();
  unindexed.sort();
  return { ok: sorted.length === 0 && unindexed.length === 0, orphans: sorted, unindexed };
}
