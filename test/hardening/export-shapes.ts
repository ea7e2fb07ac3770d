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
const indexBytes = async () => new api.LshIndex().save();
const detectorBytes = async () => new api.Detector().save();
const features = () => ({ identical: false, jaccard: 0.1, alignments: 3, chain: 3, chainCoverage: { a: 0.5, b: 0.5 }, verbatimCoverage: { a: 0, b: 0 } });

export const SHAPES: Readonly<Record<string, Shape>> = {
  // text
  normalize: { kind: 'call', args: () => ['Café', {}] },
  isWordCharCode: { kind: 'call', args: () => [65] },
  splitParagraphs: { kind: 'call', args: () => ['a\n\nb'] },
  splitSentences: { kind: 'call', args: () => ['One. Two.', 0] },
  tokenize: { kind: 'call', args: () => ['Japan’s navy', {}] },
  creditedAgencies: { kind: 'call', args: () => ['Source: Reuters'] },
  findCredits: { kind: 'call', args: () => ['Source: Reuters'] },
  boilerplateKind: { kind: 'call', args: () => ['Read more: x'] },
  findBoilerplate: { kind: 'call', args: () => ['Read more: x'] },
  // sketch
  fmix32: { kind: 'call', args: () => [42] },
  hashToken: { kind: 'call', args: () => ['japan'] },
  reduceRange: { kind: 'call', args: () => [123456, 10] },
  charShingles: { kind: 'call', args: () => ['abcdef', 3, 0] },
  distinctSorted: { kind: 'call', args: () => [new Uint32Array([3, 1, 3])] },
  shingles: { kind: 'call', args: () => [['a', 'b', 'c'], 2, 0] },
  MinHasher: { kind: 'new', args: () => [{ numPerm: 64 }] },
  assertCompatible: { kind: 'call', args: () => [sig().params, sig().params, 'signatures'] },
  deserializeSignature: { kind: 'call', args: () => [api.serializeSignature(sig())] },
  estimateJaccard: { kind: 'call', args: () => [sig(), sig()] },
  serializeSignature: { kind: 'call', args: () => [sig()] },
  collisionProbability: { kind: 'call', args: () => [0.5, 20, 5] },
  falseNegativeArea: { kind: 'call', args: () => [0.5, 20, 5] },
  falsePositiveArea: { kind: 'call', args: () => [0.5, 20, 5] },
  lshParams: { kind: 'call', args: () => [0.5, 128, [0.5, 0.5]] },
  // index
  bandKeysOf: { kind: 'call', args: () => [sig().values, 8, 4] },
  LshIndex: { kind: 'new', args: () => [{ threshold: 0.5 }] },
  loadIndexFile: { kind: 'call', args: () => ['/nonexistent/index.ndix', {}] },
  saveIndexFile: { kind: 'call', args: () => [new api.LshIndex(), '/nonexistent/dir/index.ndix'] },
  paramsKey: { kind: 'call', args: () => [sig().params] },
  MemoryStorage: { kind: 'new', args: () => [] },
  RedisStorage: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  redisKeys: { kind: 'call', args: () => ['news'] },
  decodeIndexSnapshot: { kind: 'call', args: async () => [await indexBytes()] },
  encodeIndexSnapshot: { kind: 'call', args: () => [{ threshold: 0.5, numPerm: 128, bands: 25, rows: 5, params: undefined }, []], iterable: [1] },
  snapshotDifferences: { kind: 'call', args: async () => [api.decodeIndexSnapshot(await indexBytes()).meta, {}] },
  RedisPassageStorage: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  redisPassageKeys: { kind: 'call', args: () => ['news'] },
  saturateShingles: { kind: 'call', args: () => [new api.PassageIndex(), new Uint32Array([1])] },
  saturatedShingles: { kind: 'call', args: () => [new api.MemoryPassageStorage()] },
  PassageIndex: { kind: 'new', args: () => [{ maxPostings: 10 }] },
  MemoryPassageStorage: { kind: 'new', args: () => [] },
  // align
  compare: { kind: 'call', args: () => [wire, rewrite, {}] },
  comparePrepared: { kind: 'call', args: () => [] }, // internal shape; see INTERNAL below
  findRepeats: { kind: 'call', args: () => [rewrite, {}] },
  decideDirection: { kind: 'call', args: () => [{ credits: { a: [], b: [] }, publishedAt: {}, chainCoverage: { a: 1, b: 0.5 } }] },
  decideRelation: { kind: 'call', args: () => [features(), api.DEFAULT_ALIGN_OPTIONS] },
  editSimilarity: { kind: 'call', args: () => ['naval', 'navel', 100] },
  // detect
  Detector: { kind: 'new', args: () => [{ threshold: 0.5 }] },
  MemoryDetectorStore: { kind: 'new', args: () => [] },
  dedup: { kind: 'call', args: () => [[{ id: 'a', text: 'x' }], {}], iterable: [0] },
  dedupStream: { kind: 'call', args: () => [{}] },
  decodeDetectorSnapshot: { kind: 'call', args: async () => [await detectorBytes()] },
  settingDifferences: { kind: 'call', args: async () => [api.decodeDetectorSnapshot(await detectorBytes()).settings, {}] },
  loadDetectorFile: { kind: 'call', args: () => ['/nonexistent/detector.nddt', {}] },
  saveDetectorFile: { kind: 'call', args: () => [new api.Detector(), '/nonexistent/dir/detector.nddt'] },
  RedisDetectorStore: { kind: 'new', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape' }] },
  redisStoreKeys: { kind: 'call', args: () => ['news'] },
  redisDetectorStorage: { kind: 'call', args: () => [{ url: 'redis://127.0.0.1:1', prefix: 'shape', commandTimeout: 100 }] },
  // report
  renderComparisonHtml: { kind: 'call', args: () => [{ id: 'A', text: wire }, { id: 'B', text: rewrite }, comparison(), {}] },
  renderScanHtml: { kind: 'call', args: () => [scanResult(), {}] },
  clusterRole: { kind: 'call', args: () => [[pair()], 'b', 'a'] },
  rankPairs: { kind: 'call', args: () => [[pair()]] },
  describePair: { kind: 'call', args: () => [{ a: 'b', b: 'a', relation: 'derived', direction: 'a-from-b' }] },
  kindLabel: { kind: 'call', args: () => ['near'] },
  paragraphRange: { kind: 'call', args: () => [1, 3] },
  percent: { kind: 'call', args: () => [0.5] },
  relationLabel: { kind: 'call', args: () => ['derived', []] },
  escapeHtml: { kind: 'call', args: () => ['<b>'] },
};

/**
 * Exports that are not checked argument by argument, each with the reason: error classes take
 * any message; comparePrepared takes values only prepareText makes (it is the Detector's fast path).
 */
export const EXEMPT: Readonly<Record<string, string>> = {
  NeardupError: 'an error class',
  InvalidArgumentError: 'an error class',
  IncompatibleSignatureError: 'an error class',
  CorruptDataError: 'an error class',
  DuplicateIdError: 'an error class',
  LimitExceededError: 'an error class',
  StorageError: 'an error class',
  comparePrepared: 'takes PreparedText values only prepareText (internal) makes',
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
