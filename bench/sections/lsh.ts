/**
 * LshIndex (memory storage) at scale: the corpus signatures grown to 100k with seeded edited
 * copies and random shingle sets; insert rate, query latency, candidates per query, and memory
 * per indexed document (heap + ArrayBuffers after gc, over the documents).
 */
import { LshIndex, type MemoryStorage, type Signature } from '../../src/index.js';
import { bandKeysOf } from '../../src/index/band-keys.js';
import { BandTable } from '../../src/index/band-table.js';
import { Rng, deriveSeed } from '../lib/rng.js';
import { generator, indexDocs, signatures } from '../lib/shared.js';
import { STANDARD_EDITS } from '../lib/synthetic.js';
import { collect, heapBytes, median, perSecond, quantile, timeRoundRobin } from '../lib/timing.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';
import { createRequire } from 'node:module';

/** npm minhash 0.0.9's LshIndex: band strings `v1.v2…` → id arrays in a plain object. */
interface PeerLsh {
  insert(key: string, minhash: { hashvalues: number[] }): void;
  query(minhash: { hashvalues: number[] }): string[];
}
const require = createRequire(import.meta.url);
const { LshIndex: PeerLshIndex } = require('minhash') as { LshIndex: new (args?: { bandSize?: number }) => PeerLsh };
/** Rows per band for the peer: 5, as neardup's 25 × 5 at threshold 0.5 (the peer makes ⌈128/5⌉ = 26 bands). */
const PEER_BAND_SIZE = 5;

/** Per-query latencies (µs) of `fn` over `queries`, `runs` timed runs after one warm-up: per-run median, p99 and mean. */
async function timeQueries<Q>(queries: readonly Q[], runs: number, fn: (q: Q) => unknown): Promise<{ medians: number[]; p99s: number[]; means: number[]; results: number }> {
  const lat = new Float64Array(queries.length);
  const medians: number[] = [];
  const p99s: number[] = [];
  const means: number[] = [];
  let results = 0;
  for (let r = 0; r <= runs; r++) {
    collect();
    results = 0;
    const t0 = performance.now();
    for (let q = 0; q < queries.length; q++) {
      const s = performance.now();
      const found = (await fn(queries[q]!)) as unknown[];
      lat[q] = (performance.now() - s) * 1000;
      results += found.length;
    }
    const total = performance.now() - t0;
    if (r === 0) continue; // warm-up
    medians.push(quantile(lat, 0.5));
    p99s.push(quantile(lat, 0.99));
    means.push((total * 1000) / queries.length);
  }
  return { medians, p99s, means, results };
}

interface Pool {
  ids: string[];
  sigs: Signature[];
  corpus: number;
  copies: number;
  random: number;
}

function buildPool(ctx: BenchContext, target: number): Pool {
  const docs = indexDocs(ctx);
  const sigMap = signatures(ctx);
  const gen = generator(ctx);
  const rng = new Rng(deriveSeed(ctx.seed, 'lsh-random-sets'));
  const ids: string[] = [];
  const sigs: Signature[] = [];
  for (const d of docs.slice(0, target)) {
    ids.push(d.id);
    sigs.push(sigMap.get(d.id)!);
  }
  const corpus = ids.length;
  const copiesPerDoc = Math.min(3, Math.floor((target - corpus) / Math.max(1, corpus)));
  for (let c = 0; c < copiesPerDoc; c++) {
    docs.forEach((d, i) => {
      const edit = STANDARD_EDITS[(i * 3 + c * 5) % STANDARD_EDITS.length]!;
      ids.push(`${d.id}~copy${c}`);
      sigs.push(ctx.hasher.sign(gen.text(d, edit)));
    });
  }
  const copies = ids.length - corpus;
  // the rest: random sets of 50–500 shingles (unrelated documents)
  while (ids.length < target) {
    const n = 50 + rng.int(451);
    const set = new Uint32Array(n);
    for (let i = 0; i < n; i++) set[i] = rng.nextU32();
    ids.push(`random:${ids.length}`);
    sigs.push(ctx.hasher.signShingles(set));
  }
  return { ids, sigs, corpus, copies, random: ids.length - corpus - copies };
}

async function buildIndex(pool: Pool, threshold: number, count = pool.ids.length): Promise<LshIndex> {
  const index = new LshIndex({ threshold });
  for (let i = 0; i < count; i++) await index.insert(pool.ids[i]!, pool.sigs[i]!);
  return index;
}

interface Memory {
  docs: number;
  bands: number;
  rows: number;
  /** Growth of heap + ArrayBuffers over the build, per document. */
  bytesPerDoc: number;
  /** MemoryStorage.byteLength per document: signature pools, chain links, band tables. */
  typedArrayBytesPerDoc: number;
  /** The band tables' share of it (read from MemoryStorage's private `tables`; NaN if that changes). */
  tableBytesPerDoc: number;
  /** Live keys ÷ cells over all band tables. */
  tableLoad: number;
}

/**
 * How a BandTable grows, measured rather than assumed: its load just before and just after the
 * last growth while 200,000 distinct keys go in.
 */
function tableGrowth(): { loadBefore: number; loadAfter: number; factor: number } {
  const t = new BandTable();
  let cells = t.byteLength / 8;
  let out = { loadBefore: Number.NaN, loadAfter: Number.NaN, factor: Number.NaN };
  for (let i = 1; i <= 200_000; i++) {
    t.setHead((Math.imul(i, 0x9e3779b1) >>> 0) || 1, i);
    const now = t.byteLength / 8;
    if (now !== cells) {
      out = { loadBefore: (i - 1) / cells, loadAfter: i / now, factor: now / cells };
      cells = now;
    }
  }
  return out;
}

/** Heap + ArrayBuffer bytes an index of the first `count` pool entries holds, per document (signatures and ids are held outside). */
async function memoryPerDoc(pool: Pool, threshold: number, count = pool.ids.length): Promise<Memory> {
  collect();
  const before = heapBytes();
  const index = await buildIndex(pool, threshold, count);
  collect();
  const after = heapBytes();
  const storage = index.storage as MemoryStorage;
  const tables = (storage as unknown as { tables?: { byteLength: number; count: number }[] }).tables;
  const tableBytes = Array.isArray(tables) ? tables.reduce((s, t) => s + t.byteLength, 0) : Number.NaN;
  const tableKeys = Array.isArray(tables) ? tables.reduce((s, t) => s + t.count, 0) : Number.NaN;
  return {
    docs: count,
    bands: index.bands,
    rows: index.rows,
    bytesPerDoc: (after - before) / count,
    typedArrayBytesPerDoc: storage.byteLength / count,
    tableBytesPerDoc: tableBytes / count,
    tableLoad: tableKeys / (tableBytes / 8),
  };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const { scale } = ctx;
  ctx.log(`building a pool of ${scale.lshIndexSize.toLocaleString('en-US')} signatures`);
  const pool = buildPool(ctx, scale.lshIndexSize);
  const n = pool.ids.length;

  // queries: half indexed signatures, half fresh edited copies of corpus docs (not in the index)
  const docs = indexDocs(ctx);
  const qrng = new Rng(deriveSeed(ctx.seed, 'lsh-queries'));
  const queries: Signature[] = [];
  const half = Math.floor(scale.lshQueries / 2);
  for (let i = 0; i < half; i++) queries.push(pool.sigs[qrng.int(n)]!);
  const gen = generator(ctx);
  for (let i = queries.length; i < scale.lshQueries; i++) {
    const d = docs[qrng.int(docs.length)]!;
    queries.push(ctx.hasher.sign(gen.text({ id: `${d.id}#q${i}`, text: d.text }, STANDARD_EDITS[i % STANDARD_EDITS.length]!)));
  }

  let index: LshIndex | undefined;
  // npm minhash only slices and joins `hashvalues`, so the signatures' Uint32Arrays serve as they are
  const peerValues = pool.sigs.map((sig) => sig.values as unknown as number[]);
  let peer: PeerLsh | undefined;
  ctx.log(`timing inserts (${n} docs × ${scale.runs} runs, neardup and npm minhash round-robin)`);
  const ins = await timeRoundRobin(
    {
      insert: async () => {
        index = undefined;
        peer = undefined;
        index = await buildIndex(pool, 0.5);
        return index.bands;
      },
      insertMany: async () => {
        const batch = new LshIndex({ threshold: 0.5 });
        for (let i = 0; i < n; i += 1000) {
          await batch.insertMany(pool.ids.slice(i, i + 1000).map((id, j) => ({ id, signature: pool.sigs[i + j]! })));
        }
        return batch.bands;
      },
      peerInsert: () => {
        const p = new PeerLshIndex({ bandSize: PEER_BAND_SIZE });
        for (let i = 0; i < n; i++) p.insert(pool.ids[i]!, { hashvalues: peerValues[i]! });
        return n;
      },
    },
    scale.runs,
  );
  const idx = index!;

  ctx.log(`timing ${queries.length} queries × ${scale.runs} runs`);
  const ours = await timeQueries(queries, scale.runs, (q) => idx.query(q));
  const results = ours.results;
  const runMedians = ours.medians;
  const runP99 = ours.p99s;
  const runMeans = ours.means;
  // the peer throws on a band it has never seen, so it is timed on the indexed half only, as is ours there
  const indexedQueries = queries.slice(0, half);
  const peerQueries = indexedQueries.map((q) => ({ hashvalues: q.values as unknown as number[] }));
  const oursIndexed = await timeQueries(indexedQueries, scale.runs, (q) => idx.query(q));
  // the peer's index is built only now, so that its heap does not slow the runs above
  peer = new PeerLshIndex({ bandSize: PEER_BAND_SIZE });
  for (let i = 0; i < n; i++) peer.insert(pool.ids[i]!, { hashvalues: peerValues[i]! });
  const peerIndexed = await timeQueries(peerQueries, scale.runs, (q) => peer!.query(q));
  peer = undefined;
  const storage = idx.storage as MemoryStorage;
  const cands = new Float64Array(queries.length);
  for (let q = 0; q < queries.length; q++) cands[q] = storage.candidates(bandKeysOf(queries[q]!.values, idx.bands, idx.rows)).length;
  const meanCands = cands.reduce((s, c) => s + c, 0) / cands.length;
  const bands = idx.bands;
  const rows = idx.rows;
  index = undefined;

  ctx.log('measuring memory');
  const mem5 = await memoryPerDoc(pool, 0.5);
  const mem8 = await memoryPerDoc(pool, 0.8);
  const mem5small = await memoryPerDoc(pool, 0.5, Math.round(n * 0.9));
  // 8 bytes per table cell; a table's load swings between its load after and before a growth
  const growth = tableGrowth();
  const tableLow = (8 * mem5.bands) / growth.loadBefore;
  const tableHigh = (8 * mem5.bands) / growth.loadAfter;
  const fixedPart = mem5.bytesPerDoc - mem5.tableBytesPerDoc;
  const verdict = fixedPart + tableHigh <= 1024
    ? 'within 1 KB throughout'
    : fixedPart + tableLow <= 1024
      ? 'within 1 KB over only part of each cycle'
      : 'above 1 KB throughout';
  const peerMem = (() => {
    const fresh = peerValues.map((hashvalues) => ({ hashvalues }));
    collect();
    const before = heapBytes();
    const p = new PeerLshIndex({ bandSize: PEER_BAND_SIZE });
    for (let i = 0; i < n; i++) p.insert(pool.ids[i]!, fresh[i]!);
    collect();
    const bytes = (heapBytes() - before) / n;
    return p && fresh ? bytes : bytes;
  })();

  const queryMedian = median(runMedians);
  return {
    title: `LshIndex at ${n.toLocaleString('en-US')} signatures (memory storage)`,
    rows: [
      row(`insert, one await index.insert() per doc (threshold 0.5: ${bands} bands × ${rows} rows)`, perSecond(n, ins.insert!), 'docs/s'),
      row('insert, insertMany() in batches of 1,000', perSecond(n, ins.insertMany!), 'docs/s'),
      row('query latency, median', queryMedian, 'µs', { op: '<=', value: 10, text: '≤ 10 µs' }),
      row('query latency, p99', median(runP99), 'µs'),
      row('query time, mean (total ÷ queries)', median(runMeans), 'µs'),
      row('bucket candidates per query, mean', meanCands, 'docs'),
      row('bucket candidates per query, median / p99', `${quantile(cands, 0.5)} / ${quantile(cands, 0.99)}`, 'docs'),
      row('results per query (est. J ≥ 0.5), mean', results / queries.length, 'docs'),
      row(`npm minhash LshIndex (bandSize ${PEER_BAND_SIZE}): insert`, perSecond(n, ins.peerInsert!), 'docs/s'),
      row('ratio neardup / npm minhash, insert', ins.peerInsert!.medianMs / ins.insert!.medianMs, '×'),
      row(`indexed-signature queries (${indexedQueries.length}): neardup / npm minhash median latency`, `${median(oursIndexed.medians).toFixed(2)} / ${median(peerIndexed.medians).toFixed(2)}`, 'µs'),
      row(`memory per doc, threshold 0.5 (${mem5.bands} bands), heap + ArrayBuffers`, mem5.bytesPerDoc, 'bytes', { op: '<=', value: 1024, text: '≤ 1 KB' }),
      row(`memory per doc, threshold 0.8 (${mem8.bands} bands), heap + ArrayBuffers`, mem8.bytesPerDoc, 'bytes', { op: '<=', value: 1024, text: '≤ 1 KB' }),
      row(`npm minhash LshIndex (bandSize ${PEER_BAND_SIZE}): memory per doc (its band strings included)`, peerMem, 'bytes'),
      row('of which typed arrays (MemoryStorage.byteLength), threshold 0.5 / 0.8', `${mem5.typedArrayBytesPerDoc.toFixed(0)} / ${mem8.typedArrayBytesPerDoc.toFixed(0)}`, 'bytes'),
      row('of which band tables, threshold 0.5 / 0.8', `${mem5.tableBytesPerDoc.toFixed(0)} / ${mem8.tableBytesPerDoc.toFixed(0)}`, 'bytes'),
      row(`memory per doc, threshold 0.5, at ${mem5small.docs.toLocaleString('en-US')} docs (same method)`, mem5small.bytesPerDoc, 'bytes'),
    ],
    notes: [
      `The index holds ${n.toLocaleString('en-US')} signatures (numPerm 128): ${pool.corpus.toLocaleString('en-US')} corpus documents of ≥ 20 words, ${pool.copies.toLocaleString('en-US')} seeded edited copies of them (bench/lib/synthetic.ts: word substitutions/deletions at 5–50%, paragraph moves, boilerplate), and ${pool.random.toLocaleString('en-US')} random shingle sets. Signatures are made before timing; an insert is \`await index.insert(id, signature)\`, which copies the values and computes band keys.`,
      `${queries.length.toLocaleString('en-US')} queries: half are indexed signatures, half fresh edited copies of corpus documents (an incoming article checked against the index). Each query is timed alone (performance.now() around \`await index.query()\`): band keys, bucket lookups, verification of every candidate by estimated Jaccard, sort. The latency figures are medians over ${scale.runs} runs of each run's median and p99. Near-duplicate families (a document with its copies, Reuters' templated earnings stories) make the candidate list, and so the query time, grow: mean candidates ${meanCands.toFixed(1)}, p99 ${quantile(cands, 0.99)}.`,
      `Memory is the growth of heapUsed + arrayBuffers from before to after building the index, both after a full gc(), divided by the documents. The signatures and id strings exist before the measurement and are not counted (the index copies signature values into its own pools; it keeps a reference to the caller's id string). Per document the index holds the 512-byte signature copy, one 4-byte chain link per band, its share of each band's open-addressing table (8 bytes per key at ≤ 3/4 load), and an id→slot Map entry; fewer bands (threshold 0.8) cost less. The band tables are the part that moves with n. Measured on a BandTable, a table grows ${growth.factor}× when its load reaches ${growth.loadBefore.toFixed(2)}, to a load of ${growth.loadAfter.toFixed(3)}${growth.factor > 2 ? ' (its resize sizes for load ≤ 3/8 with a +1 that, at the exact 3/4 point, rounds one doubling too far: a ' + growth.factor + '× step where a doubling was meant)' : ''}; at 8 bytes per cell and ${mem5.bands} bands that is ${tableLow.toFixed(0)}–${tableHigh.toFixed(0)} B per document depending on where n falls in the cycle. Here the tables are at load ${mem5.tableLoad.toFixed(2)} and take ${mem5.tableBytesPerDoc.toFixed(0)} B/doc (at ${mem5small.docs.toLocaleString('en-US')} documents: ${mem5small.tableBytesPerDoc.toFixed(0)} B/doc, ${mem5small.bytesPerDoc.toFixed(0)} B/doc in all); the rest (signature copy, links, id→slot entry, pool slack) is about ${fixedPart.toFixed(0)} B/doc. So at threshold 0.5 the index costs ${(fixedPart + tableLow).toFixed(0)}–${(fixedPart + tableHigh).toFixed(0)} B/doc over a growth cycle (${verdict})${growth.factor > 2 ? `; with tables that double (load 0.375–0.75) it would be ${(fixedPart + (8 * mem5.bands) / 0.75).toFixed(0)}–${(fixedPart + (8 * mem5.bands) / 0.375).toFixed(0)} B/doc` : ''}. At threshold 0.8 (${mem8.bands} bands) the tables cost at most ${((8 * mem8.bands) / growth.loadAfter).toFixed(0)} B/doc.`,
      `Peer: npm minhash 0.0.9's LshIndex with bandSize ${PEER_BAND_SIZE} (its default is 4), fed the same signature values (the Uint32Arrays themselves: it only slices and joins them). It keys a plain object by band strings ("v1.v2.v3.v4.v5") and returns every bucket candidate, unverified (${(peerIndexed.results / indexedQueries.length).toFixed(1)} per query here); its query throws a TypeError for any band it has never seen, so a signature that is not already indexed cannot be queried, and the latency comparison uses the ${indexedQueries.length} indexed-signature queries only.`,
    ],
    payload: {
      size: n,
      composition: { corpus: pool.corpus, copies: pool.copies, random: pool.random },
      bands,
      rows,
      insertDocsPerSecond: perSecond(n, ins.insert!),
      insertManyDocsPerSecond: perSecond(n, ins.insertMany!),
      insertTimings: ins,
      queries: queries.length,
      queryMedianUs: queryMedian,
      queryRunMediansUs: runMedians,
      queryRunP99Us: runP99,
      queryRunMeansUs: runMeans,
      candidates: { mean: meanCands, median: quantile(cands, 0.5), p99: quantile(cands, 0.99), max: quantile(cands, 1) },
      resultsPerQuery: results / queries.length,
      memory: { threshold05: mem5, threshold08: mem8, threshold05At90Percent: mem5small, peerBytesPerDoc: peerMem, tableBytesPerDocRange05: [tableLow, tableHigh], bandTableGrowth: growth },
      peer: {
        bandSize: PEER_BAND_SIZE,
        insertDocsPerSecond: perSecond(n, ins.peerInsert!),
        indexedQueries: indexedQueries.length,
        queryRunMediansUs: peerIndexed.medians,
        oursOnIndexedQueryRunMediansUs: oursIndexed.medians,
        candidatesPerQuery: peerIndexed.results / indexedQueries.length,
      },
    },
  };
}
