/**
 * The labelled development data in ../shared/dev (never copied into the repository): the
 * provenance-2018 pages and pairs, and the MSRP train sentence pairs. Read by the `quality`
 * section and by bench/fit-relation-score.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './corpus.js';

export const DEV_DIR = join(ROOT, '..', 'shared', 'dev');

export interface DevPage {
  readonly id: number;
  readonly publisher: string;
  readonly publishedAt: string;
  readonly text: string;
}

export type ProvenanceLabel = 'copy' | 'derived' | 'related' | 'unrelated';

export interface ProvenancePair {
  readonly a: number;
  readonly b: number;
  readonly label: ProvenanceLabel;
  readonly uncertain: boolean;
  readonly jaccard3: number;
  readonly containment_ab: number;
  readonly containment_ba: number;
}

export interface MsrpPair {
  readonly a: string;
  readonly b: string;
  readonly label: 0 | 1;
}

export interface DevData {
  readonly pages: ReadonlyMap<number, DevPage>;
  /** Every labelled pair; `certain` the ones not marked uncertain. */
  readonly pairs: readonly ProvenancePair[];
  readonly certain: readonly ProvenancePair[];
  readonly msrp: readonly MsrpPair[];
}

const FILES = ['provenance-2018/docs.jsonl', 'provenance-2018/labels.jsonl', 'msrp-train/pairs.jsonl'];

/** The files of the development data that are missing (empty when all are there). */
export function missingDevFiles(dir = DEV_DIR): string[] {
  return FILES.filter((f) => !existsSync(join(dir, f))).map((f) => join(dir, f));
}

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Loads the development data; throws naming the missing files. */
export function loadDevData(dir = DEV_DIR): DevData {
  const missing = missingDevFiles(dir);
  if (missing.length > 0) throw new Error(`development data missing: ${missing.join(', ')}`);
  const pages = new Map(jsonl<DevPage>(join(dir, FILES[0]!)).map((d) => [d.id, d]));
  const pairs = jsonl<ProvenancePair>(join(dir, FILES[1]!));
  return { pages, pairs, certain: pairs.filter((p) => !p.uncertain), msrp: jsonl<MsrpPair>(join(dir, FILES[2]!)) };
}

/** True for the labels of the binary question: copy or derived. */
export function isReuse(label: ProvenanceLabel | 0 | 1): boolean {
  return label === 'copy' || label === 'derived' || label === 1;
}
