/**
 * Property tests of the stateful pieces: random add/remove/match sequences on a Detector, and
 * snapshot save/load as the identity on an LshIndex.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptDataError, Detector, LshIndex, MinHasher, normalize } from '../../src/index.js';
import { prose, text } from '../helpers/arbitraries.js';
import { prepareText } from '../../src/align/prepare.js';
import { DEFAULT_ALIGN_OPTIONS } from '../../src/align/options.js';

const ids = fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', '', 'x:y');
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), id: ids, text: fc.oneof(prose, text(30)) }),
  fc.record({ kind: fc.constant('remove' as const), id: ids }),
);

describe('Detector under random operations (1,500 sequences)', () => {
  it('keeps add/match/remove/size consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const detector = new Detector();
        const live = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'add') {
            if (live.has(o.id)) {
              await expect(detector.add({ id: o.id, text: o.text })).rejects.toThrow(/already in the index/);
              continue;
            }
            await detector.add({ id: o.id, text: o.text });
            live.set(o.id, o.text);
          } else {
            expect(await detector.remove(o.id)).toBe(live.delete(o.id));
          }
          expect(await detector.size()).toBe(live.size);
        }
        for (const [id, t] of live) {
          expect(await detector.has(id)).toBe(true);
          const matches = await detector.match(t);
          for (const m of matches) expect(live.has(m.id)).toBe(true);
          // a text with content tokens (boilerplate aside) finds itself; one without matches nothing
          if (prepareText(t, DEFAULT_ALIGN_OPTIONS).shingles.length > 0) {
            const same = matches.filter((m) => m.relation === 'duplicate').map((m) => m.id);
            expect(same).toContain(id);
          } else {
            expect(matches).toEqual([]);
          }
        }
        const clustered = (await detector.clusters()).flatMap((c) => c.ids);
        for (const id of clustered) expect(live.has(id)).toBe(true);
      }),
      { numRuns: 1_500 },
    );
  });
});

describe('LshIndex snapshots (2,000 cases)', () => {
  const hasher = new MinHasher({ numPerm: 32 });
  it('save/load is the identity, and any flipped byte is caught', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.string({ maxLength: 8 }).map((s) => s.toWellFormed()), text(20)), { maxLength: 8, selector: (x) => x[0] }), fc.nat(), async (docs, flip) => {
        const index = new LshIndex({ numPerm: 32, threshold: 0.5 });
        for (const [id, t] of docs) await index.insert(id, hasher.sign(t));
        const bytes = await index.save();
        const back = await LshIndex.load(bytes);
        expect(await back.size()).toBe(docs.length);
        for (const [, t] of docs) expect(await back.query(hasher.sign(t))).toEqual(await index.query(hasher.sign(t)));
        const damaged = bytes.slice();
        damaged[flip % damaged.length]! ^= 0x01;
        await expect(LshIndex.load(damaged)).rejects.toBeInstanceOf(CorruptDataError);
      }),
      { numRuns: 2_000 },
    );
  });
});
