import { describe, expect, it } from 'vitest';
import { Detector, type Article } from '../../src/index.js';
import { DETECTOR_PIPELINE } from '../../src/detect/pipeline.js';
import { decodeQuery } from '../../src/parallel/shared-query.js';
import { taskRunner, type PrepareReply, type VerifyReply } from '../../src/parallel/tasks.js';
import { Verifier, type Candidate, type VerifyRequest } from '../../src/parallel/verifier.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { parallelCorpus } from './corpus.js';

describe('a worker verifies against the counts as they stood before the query', () => {
  it('moving its counts back and forth gives what a fresh worker gives at that point', async () => {
    const base = parallelCorpus(60);
    const story = base[3]!;
    const copies = Array.from({ length: 6 }, (_, k) => ({ id: `copy-${k}`, text: `${story.text}\n\nCopy number ${k}.` }));
    const articles = [...base, ...copies];
    const detector = new Detector({ boilerplateDocs: 2 });
    const setup = { settings: detector[DETECTOR_PIPELINE]().settings, counts: detector[DETECTOR_PIPELINE]().counts() };
    const prepare = taskRunner(setup);
    const entries = articles.map((a) => {
      const reply = prepare({ kind: 'prepare', text: a.text, publishedAt: undefined, repeats: false }) as PrepareReply;
      if (!reply.ok) throw new Error(reply.error.message);
      return { id: a.id, buffer: reply.buffer };
    });
    const query = entries.length - 1; // the last copy, against the story and the first copy
    const candidates: Candidate[] = [{ id: story.id }, { id: 'copy-0' }];
    const ask = (run: ReturnType<typeof taskRunner>, version: number, from: number) => {
      const reply = run({ kind: 'verify', from, entries: entries.slice(from), version, documents: version, query: entries[query]!.buffer, frequencies: undefined, candidates }) as VerifyReply;
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.matches;
    };
    const early = base.length + 1; // the story and one copy counted: not boilerplate yet
    const moved = taskRunner(setup);
    const late = ask(moved, entries.length, 0);
    const back = ask(moved, early, entries.length);
    const fresh = ask(taskRunner(setup), early, 0);
    expect(back).toEqual(fresh);
    // the counts matter here: once every copy is counted, the story's paragraphs are learned boilerplate
    expect(late).not.toEqual(fresh);
    expect(fresh[0]?.relation).toBeDefined();
  });

  it('decodes a candidate again once its small cache let it go, and verifies it as the Detector does', async () => {
    const base = parallelCorpus(40) as (Article & { publishedAt: number | undefined })[];
    const copies = [3, 7, 11].flatMap((k) => Array.from({ length: 3 }, (_, j) => ({ id: `copy-${k}-${j}`, text: `${base[k]!.text}\n\nUpdate ${j} to this story.`, publishedAt: undefined })));
    const articles = [...base, ...copies];
    const reference = new Detector();
    const pipe = reference[DETECTOR_PIPELINE]();
    const s = pipe.settings;
    const params = new MinHasher({ numPerm: s.numPerm, seed: s.seed, shingleSize: s.shingleSize }).params;
    const prepare = taskRunner({ settings: s, counts: pipe.counts() });
    const verifier = new Verifier(s, params, pipe.counts(), 2);
    const entries: { id: string; buffer: SharedArrayBuffer }[] = [];
    // as addParallel asks: what the Detector's add() read before indexing each article, and what it matched
    const asks: { request: Omit<VerifyRequest, 'from' | 'entries'>; matches: Awaited<ReturnType<Detector['add']>> }[] = [];
    for (const a of articles) {
      const reply = prepare({ kind: 'prepare', text: a.text, publishedAt: a.publishedAt, repeats: false }) as PrepareReply;
      if (!reply.ok) throw new Error(reply.error.message);
      const query = decodeQuery(reply.buffer, params, s.align);
      const request = { kind: 'verify' as const, version: entries.length, documents: pipe.documents(), query: reply.buffer, frequencies: await pipe.frequencies(query), candidates: [] };
      const matches = await reference.add(a);
      entries.push({ id: a.id, buffer: reply.buffer });
      if (matches.length > 0) asks.push({ request: { ...request, candidates: matches.map((m) => ({ id: m.id })) }, matches });
    }
    const named = new Set(asks.flatMap((x) => x.request.candidates.map((c) => c.id)));
    expect(named.size).toBeGreaterThan(4); // more than the cache holds: candidates are evicted and decoded again
    let sent = 0;
    // forward in index order, then back again: every candidate is verified more than once
    for (const { request, matches } of [...asks, ...asks.slice().reverse()]) {
      const result = verifier.verify({ ...request, from: sent, entries: entries.slice(sent) });
      sent = entries.length;
      expect(result).toEqual(matches);
    }
  });
});
