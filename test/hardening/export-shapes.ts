/**
 * One valid call of every runtime export of src/index.ts, for the wrong-type property test
 * (properties.test.ts): each
 * argument in turn is replaced by values of other types, and the call must fail with
 * InvalidArgumentError. A new export without an entry here fails that test until one is added.
 */
import * as api from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/** How to call an export: `new` for classes, `call` for functions; `args` build fresh valid arguments. */
export interface Shape {
  readonly kind: 'new' | 'call';
  readonly args: () => unknown[] | Promise<unknown[]>;
  /** Argument positions that accept any value (documented so), left out of the test. */
  readonly anyType?: readonly number[];
  /** Argument positions taking any iterable (Map, typed array…): their items are checked as they are read. */
  readonly iterable?: readonly number[];
}

const hasher = new api.MinHasher();
const sig = () => hasher.sign('the eu and japan signed a defence pact in tokyo on friday');
const wire = fixture('000');
const rewrite = fixture('001');
const comparison = () => api.compare(wire, rewrite);
const pair = () => ({ a: 'b', b: 'a', comparison: comparison() });
const scanResult = () => ({ articles: 2, clusters: [{ ids: ['a', 'b'], canonical: 'a' }], pairs: [pair()], repeats: [] });

export const SHAPES: Readonly<Record<string, Shape>> = {
  // text
  normalize: { kind: 'call', args: () => ['Café', {}] },
  splitParagraphs: { kind: 'call', args: () => ['a\n\nb'] },
  splitSentences: { kind: 'call', args: () => ['One. Two.', 0] },
  tokenize: { kind: 'call', args: () => ['Japan’s navy', {}] },
  findCredits: { kind: 'call', args: () => ['Source: Reuters'] },
  findBoilerplate: { kind: 'call', args: () => ['Read more: x'] },
  // sketches
  shingles: { kind: 'call', args: () => [['a', 'b', 'c'], 2, 0] },
  MinHasher: { kind: 'new', args: () => [{ numPerm: 64 }] },
  deserializeSignature: { kind: 'call', args: () => [api.serializeSignature(sig())] },
  estimateJaccard: { kind: 'call', args: () => [sig(), sig()] },
  serializeSignature: { kind: 'call', args: () => [sig()] },
  isEmptySignature: { kind: 'call', args: () => [sig()] },
  lshParams: { kind: 'call', args: () => [0.5, 128, [0.5, 0.5]] },
  // indexes and storage
  LshIndex: { kind: 'new', args: () => [{ threshold: 0.5 }] },
  loadIndexFile: { kind: 'call', args: () => ['/nonexistent/index.ndix', {}] },
  saveIndexFile: { kind: 'call', args: () => [new api.LshIndex(), '/nonexistent/dir/index.ndix'] },
  MemoryStorage: { kind: 'new', args: () => [] },
  MemoryPassageStorage: { kind: 'new', args: () => [] },
  RedisStorage: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  RedisPassageStorage: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  ShardedStorage: { kind: 'new', args: () => [[new api.MemoryStorage()]] },
  ShardedPassageStorage: { kind: 'new', args: () => [[new api.RedisPassageStorage({ url: 'redis://127.0.0.1:1', prefix: '{shape}' })]] },
  shardedRedisStorage: { kind: 'call', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape', shards: 2, commandTimeout: 100 }] },
  shardedRedisPassageStorage: { kind: 'call', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape', shards: 2, commandTimeout: 100 }] },
  // alignment
  compare: { kind: 'call', args: () => [wire, rewrite, {}] },
  findRepeats: { kind: 'call', args: () => [rewrite, {}] },
  sharedSpans: { kind: 'call', args: () => [wire, { start: 0, end: 100 }, wire, { start: 0, end: 100 }] },
  // detector, feed, persistence
  Detector: { kind: 'new', args: () => [{ threshold: 0.5 }] },
  MemoryDetectorStore: { kind: 'new', args: () => [] },
  RedisDetectorStore: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  ShardedDetectorStore: { kind: 'new', args: () => [[new api.RedisDetectorStore({ url: 'redis://127.0.0.1:1', prefix: 'shape' })]] },
  redisDetectorStorage: { kind: 'call', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape', commandTimeout: 100 }] },
  dedup: { kind: 'call', args: () => [[{ id: 'a', text: 'x' }], {}], iterable: [0] },
  dedupStream: { kind: 'call', args: () => [{}] },
  // all cores (workers: 0 keeps the shape test in this thread)
  addParallel: { kind: 'call', args: () => [new api.Detector(), [{ id: 'a', text: 'x' }], { workers: 0 }], iterable: [1] },
  scanParallel: { kind: 'call', args: () => [[{ id: 'a', text: 'x' }], { workers: 0 }], iterable: [0] },
  loadDetectorFile: { kind: 'call', args: () => ['/nonexistent/detector.nddt', {}] },
  saveDetectorFile: { kind: 'call', args: () => [new api.Detector(), '/nonexistent/dir/detector.nddt'] },
  // reports
  renderComparisonHtml: { kind: 'call', args: () => [{ id: 'A', text: wire }, { id: 'B', text: rewrite }, comparison(), {}] },
  renderScanHtml: { kind: 'call', args: () => [scanResult(), {}] },
  describePair: { kind: 'call', args: () => [{ a: 'b', b: 'a', relation: 'derived', direction: 'a-from-b' }] },
};

/** Methods of the main classes, called on a fresh instance (`Class#method`). */
export const METHODS: Readonly<Record<string, { self: () => object; args: () => unknown[]; alsoValid?: (v: unknown) => boolean }>> = {
  'Detector#add': { self: () => new api.Detector(), args: () => [{ id: 'a', text: wire }] },
  'Detector#process': { self: () => new api.Detector(), args: () => [{ id: 'a', text: wire }] },
  'Detector#match': { self: () => new api.Detector(), args: () => [wire, { limit: 3 }] },
  'Detector#remove': { self: () => new api.Detector(), args: () => ['a'] },
  'Detector#has': { self: () => new api.Detector(), args: () => ['a'] },
  'Detector#removeOlderThan': { self: () => new api.Detector(), args: () => [0], alsoValid: (v) => v instanceof Date }, // a Date, a date string or ms
  'MinHasher#sign': { self: () => new api.MinHasher(), args: () => [wire] },
  'MinHasher#signShingles': { self: () => new api.MinHasher(), args: () => [new Uint32Array([1, 2, 3])], alsoValid: (v) => Array.isArray(v) && v.length === 0 || v instanceof Uint8Array }, // any array of uint32 values
  'LshIndex#insert': { self: () => new api.LshIndex(), args: () => ['a', sig(), 0] },
  'LshIndex#query': { self: () => new api.LshIndex(), args: () => [sig(), { limit: 3 }] },
  'LshIndex#remove': { self: () => new api.LshIndex(), args: () => ['a'] },
};

/**
 * Exports that are not checked argument by argument, each with the reason: error classes take
 * any message.
 */
export const EXEMPT: Readonly<Record<string, string>> = {
  NeardupError: 'an error class',
  InvalidArgumentError: 'an error class',
  IncompatibleSignatureError: 'an error class',
  CorruptDataError: 'an error class',
  DuplicateIdError: 'an error class',
  LimitExceededError: 'an error class',
  StorageError: 'an error class',
  MissingDependencyError: 'an error class',
  WorkerError: 'an error class',
};

/** Values of every type, to put where an argument of another type belongs. */
export const wrongValues = (): unknown[] => [
  null,
  42,
  -1.5,
  'text',
  '',
  true,
  {},
  [],
  [1.5, -3, 'a'],
  Symbol('s'),
  1n,
  () => 1,
  new Uint8Array(3),
  new Date(0),
  new Map(),
];

/** Whether `wrong` is of another type than `valid` (then it must be refused where `valid` goes). */
export function otherType(valid: unknown, wrong: unknown): boolean {
  const kind = (v: unknown): string => {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (ArrayBuffer.isView(v)) return (v as object).constructor.name;
    if (v instanceof Map) return 'map';
    if (v instanceof Date) return 'date';
    if (typeof v === 'object') return 'object';
    return typeof v;
  };
  const a = kind(valid);
  const b = kind(wrong);
  if (a === 'object' && b !== 'object') return true; // options / records: only objects
  return a !== b;
}
