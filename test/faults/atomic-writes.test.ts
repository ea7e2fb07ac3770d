/**
 * add / remove / process are all-or-nothing from a reader's point of view and safe to retry:
 * a store failing at each write in turn, before or after applying it, once or for good.
 */
import { describe, expect, it } from 'vitest';
import { Detector, MinHasher, type PairEdge } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { faultyStorage, InjectedFault, plan, type FaultPlan } from './faulty-stores.js';

const wire = fixture('000');
const rewrite = fixture('001');
const other = fixture('003');
const otherCorrected = fixture('003').replace(/\.\s*$/u, ' (corrected).');
const copy = `${rewrite}\n\nCopyright 2024 Example Daily.`;

/** The scenario: each step is one public write; `id` is the article it writes. */
const STEPS: readonly { id: string; run: (d: Detector) => Promise<unknown> }[] = [
  { id: 'wire', run: (d) => d.add({ id: 'wire', text: wire, publishedAt: '2024-06-23' }) },
  { id: 'other', run: (d) => d.add({ id: 'other', text: other, publishedAt: '2024-11-01' }) },
  { id: 'rewrite', run: (d) => d.add({ id: 'rewrite', text: rewrite, publishedAt: '2024-06-24' }) },
  { id: 'other', run: (d) => d.process({ id: 'other', text: otherCorrected, publishedAt: '2024-11-02' }) },
  { id: 'copy', run: (d) => d.add({ id: 'copy', text: copy, publishedAt: '2024-06-25' }) },
  { id: 'wire', run: (d) => d.remove('wire') },
];
const TEXTS: Record<string, string[]> = { wire: [wire], other: [other, otherCorrected], rewrite: [rewrite], copy: [copy] };

const pairKey = (e: PairEdge) => `${e.a}→${e.b}:${e.relation}`;

/** What a reader sees: present ids, and the pairs between them. */
async function view(d: Detector): Promise<{ ids: string[]; pairs: string[] }> {
  const ids: string[] = [];
  for (const id of Object.keys(TEXTS)) if (await d.has(id)) ids.push(id);
  return { ids, pairs: (await d.pairs()).map(pairKey).sort() };
}

/** A reader's consistency: has(), size(), match() and pairs() agree on which articles exist. */
async function expectConsistent(d: Detector): Promise<void> {
  const { ids } = await view(d);
  expect(await d.size()).toBe(ids.length);
  for (const [id, texts] of Object.entries(TEXTS)) {
    const matched = (await Promise.all(texts.map((t) => d.match(t)))).some((ms) => ms.some((m) => m.id === id));
    expect(matched, `match() agrees with has(${id})`).toBe(ids.includes(id));
  }
  for (const e of await d.pairs()) expect(ids.includes(e.a) && ids.includes(e.b)).toBe(true);
}

async function faultFree(): Promise<{ ids: string[]; pairs: string[]; writes: number }> {
  const p = plan(0, 'before');
  const d = new Detector({ storage: faultyStorage(p) });
  for (const step of STEPS) await step.run(d);
  return { ...(await view(d)), writes: p.writes };
}

async function runWithFault(p: FaultPlan): Promise<{ d: Detector; failedStep: number }> {
  const d = new Detector({ storage: faultyStorage(p) });
  let failedStep = -1;
  for (const [k, step] of STEPS.entries()) {
    if (failedStep >= 0) break;
    await step.run(d).catch((err: unknown) => {
      expect(err).toBeInstanceOf(InjectedFault);
      failedStep = k;
    });
  }
  return { d, failedStep };
}

describe('writes are all-or-nothing and safe to retry', async () => {
  const expected = await faultFree();

  it('the scenario writes to the stores', () => {
    expect(expected.writes).toBeGreaterThan(10);
    expect(expected.pairs.length).toBeGreaterThan(0);
  });

  for (const mode of ['before', 'after'] as const) {
    it(`a store failing once at each write in turn (${mode} applying it): readers see all or nothing, a retry completes`, async () => {
      for (let failAt = 1; failAt <= expected.writes; failAt++) {
        const p = plan(failAt, mode);
        const { d, failedStep } = await runWithFault(p);
        if (failedStep < 0) continue; // the failing write was a rollback nobody needed
        await expectConsistent(d);
        // The failed step left its article as before the step or as after it, never in between.
        const step = STEPS[failedStep]!;
        for (const later of STEPS.slice(failedStep)) await later.run(d); // retry, then the rest
        expect(await view(d), `fault at write ${failAt}`).toEqual({ ids: expected.ids, pairs: expected.pairs });
        expect((await d.verify()).ok, `verify after a fault at write ${failAt} (${step.id})`).toBe(true);
      }
    });
  }

  it('a store that dies part-way (rollback fails too) leaves only invisible leftovers: add/remove retry, repair() mends', async () => {
    let sawOrphans = 0;
    for (let failAt = 1; failAt <= expected.writes; failAt++) {
      const p = plan(failAt, 'after', true);
      const { d, failedStep } = await runWithFault(p);
      if (failedStep < 0) continue;
      p.dead = false; // the server is back
      await expectConsistent(d);
      const found = await d.verify();
      if (!found.ok) sawOrphans++;
      for (const id of found.orphans) expect(await d.has(id)).toBe(false);
      if (failAt % 2 === 0) {
        const repaired = await d.repair();
        expect(repaired).toEqual(found);
        expect((await d.verify()).ok).toBe(true);
      }
      for (const later of STEPS.slice(failedStep)) await later.run(d); // the retry repairs its own id
      expect(await view(d)).toEqual({ ids: expected.ids, pairs: expected.pairs });
      await d.repair();
      expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
    }
    expect(sawOrphans).toBeGreaterThan(0);
  });

  it('repair() re-indexes an article missing from an index and removes orphans', async () => {
    const storage = faultyStorage(plan(0, 'before'));
    const d = new Detector({ storage });
    await d.add({ id: 'wire', text: wire });
    await d.add({ id: 'rewrite', text: rewrite });
    await storage.documents.remove('wire'); // as a crash of an older version could leave it
    await storage.passages.add('ghost', new Uint32Array([1, 2, 3]));
    expect(await d.verify()).toEqual({ ok: false, orphans: ['ghost'], unindexed: ['wire'] });
    await d.repair();
    expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
    expect((await d.match(wire))[0]).toMatchObject({ id: 'wire', relation: 'duplicate' });
    expect(await d.remove('ghost')).toBe(false);
  });

  it('remove() of an id known only to an index clears the leftover and says false', async () => {
    const storage = faultyStorage(plan(0, 'before'));
    const d = new Detector({ storage });
    await d.documents.insert('x', new MinHasher().sign(wire));
    expect(await d.has('x')).toBe(false);
    expect(await d.match(wire)).toEqual([]);
    expect(await d.remove('x')).toBe(false);
    expect(await storage.documents.has('x')).toBe(false);
    await d.add({ id: 'x', text: wire }); // and add() of such an id is not refused either
    expect(await d.has('x')).toBe(true);
  });
});

describe('process() serializes per id', () => {
  it('two concurrent process() calls with one id replace in arrival order', async () => {
    const d = new Detector();
    const [first, second] = await Promise.all([
      d.process({ id: 'same', text: other }),
      d.process({ id: 'same', text: otherCorrected }),
    ]);
    expect(first).toMatchObject({ verdict: 'new', added: true, replaced: false });
    expect(second).toMatchObject({ added: true, replaced: true });
    expect(await d.size()).toBe(1);
    expect((await d.match(otherCorrected))[0]).toMatchObject({ id: 'same', relation: 'duplicate' });
  });

  it('concurrent add() and remove() of one id run in arrival order', async () => {
    const d = new Detector();
    const results = await Promise.allSettled([
      d.add({ id: 'a', text: wire }),
      d.remove('a'),
      d.add({ id: 'a', text: rewrite }),
      d.add({ id: 'a', text: other }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((await d.match(rewrite))[0]).toMatchObject({ id: 'a', relation: 'duplicate' });
    expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
  });
});
