import { describe, expect, it } from 'vitest';
import { Detector } from '../../src/index.js';
import { DETECTOR_PIPELINE } from '../../src/detect/pipeline.js';
import { taskRunner, type PrepareReply, type VerifyReply } from '../../src/parallel/tasks.js';
import type { Candidate } from '../../src/parallel/verifier.js';
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
});
