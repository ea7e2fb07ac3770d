/**
 * Argument checks of the report functions: what a Comparison, a scan pair and a scan result
 * must look like before a page is rendered from them (InvalidArgumentError, never a TypeError
 * from deep inside a template).
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { assertArray, assertFinite, assertRecord, assertString } from '../validate.js';

const RELATIONS: ReadonlySet<unknown> = new Set(['duplicate', 'near-duplicate', 'derived', 'related', 'unrelated']);
const DIRECTIONS: ReadonlySet<unknown> = new Set(['a-from-b', 'b-from-a', null]);
const KINDS: ReadonlySet<unknown> = new Set(['identical', 'near', 'rewrite']);

export function checkRelation(value: unknown, name: string): void {
  if (!RELATIONS.has(value)) throw new InvalidArgumentError(`${name} must be a Relation ('duplicate', 'near-duplicate', 'derived', 'related' or 'unrelated'), got ${describe(value)}`);
}

export function checkKind(value: unknown, name: string): void {
  if (!KINDS.has(value)) throw new InvalidArgumentError(`${name} must be an AlignmentKind ('identical', 'near' or 'rewrite'), got ${describe(value)}`);
}

export function checkDirection(value: unknown, name: string): void {
  if (!DIRECTIONS.has(value)) throw new InvalidArgumentError(`${name} must be 'a-from-b', 'b-from-a' or null, got ${describe(value)}`);
}

/** Optional alignments: an array of `{ kind }`. */
export function checkAlignments(value: unknown, name: string): void {
  if (value === undefined) return;
  assertArray(value, name, '{ kind } records');
  for (const [i, x] of value.entries()) {
    assertRecord(x, `${name}[${i}]`, 'an alignment { kind, … }');
    checkKind(x.kind, `${name}[${i}].kind`);
  }
}

/** A Comparison as `compare` returns it (the fields the reports read). */
export function checkComparison(value: unknown, name: string): void {
  assertRecord(value, name, 'a Comparison, as compare(a, b) returns');
  checkRelation(value.relation, `${name}.relation`);
  checkDirection(value.direction, `${name}.direction`);
  checkAlignments(value.alignments, `${name}.alignments`);
  assertArray(value.alignments, `${name}.alignments`, 'alignments');
  assertRecord(value.coverage, `${name}.coverage`, '{ a, b }');
  assertFinite(value.coverage.a, `${name}.coverage.a`);
  assertFinite(value.coverage.b, `${name}.coverage.b`);
  assertFinite(value.jaccard, `${name}.jaccard`);
}

/** A scan pair `{ a, b, comparison }`. */
export function checkPair(value: unknown, name: string): void {
  assertRecord(value, name, 'a scan pair { a, b, comparison }');
  assertString(value.a, `${name}.a`);
  assertString(value.b, `${name}.b`);
  checkComparison(value.comparison, `${name}.comparison`);
}

export function checkPairs(value: unknown, name: string): void {
  assertArray(value, name, 'scan pairs { a, b, comparison }');
  value.forEach((p, i) => checkPair(p, `${name}[${i}]`));
}

/** A ScanResult `{ articles, clusters, pairs, repeats, texts? }`. */
export function checkScanResult(value: unknown, name: string): void {
  assertRecord(value, name, 'a ScanResult { articles, clusters, pairs, repeats, texts? }');
  assertFinite(value.articles, `${name}.articles`);
  assertArray(value.clusters, `${name}.clusters`, 'clusters { ids, canonical }');
  for (const [i, c] of value.clusters.entries()) {
    assertRecord(c, `${name}.clusters[${i}]`, 'a cluster { ids, canonical }');
    assertArray(c.ids, `${name}.clusters[${i}].ids`, 'ids');
    assertString(c.canonical, `${name}.clusters[${i}].canonical`);
  }
  checkPairs(value.pairs, `${name}.pairs`);
  assertArray(value.repeats, `${name}.repeats`, 'repeats { id, first, second, … }');
  for (const [i, r] of value.repeats.entries()) {
    assertRecord(r, `${name}.repeats[${i}]`, 'a repeat { id, first, second, … }');
    assertString(r.id, `${name}.repeats[${i}].id`);
  }
  if (value.texts !== undefined && !(value.texts instanceof Map)) {
    throw new InvalidArgumentError(`${name}.texts must be a Map of id → text, or undefined, got ${describe(value.texts)}`);
  }
  if (value.info !== undefined && !(value.info instanceof Map)) {
    throw new InvalidArgumentError(`${name}.info must be a Map of id → ArticleInfo, or undefined, got ${describe(value.info)}`);
  }
}

/** A report article `{ id?, text }`. */
export function checkReportArticle(value: unknown, name: string): void {
  assertRecord(value, name, 'an article { id?, text }');
  assertString(value.text, `${name}.text`);
  if (value.id !== undefined) assertString(value.id, `${name}.id`);
}

