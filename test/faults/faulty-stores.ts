/**
 * Memory stores that fail on a chosen write: the three stores of a Detector wrapped so that the
 * Nth write (counted across all three) throws, either before it happens (nothing written) or
 * after (written, then reported failed, as a Redis command timing out after Redis applied it).
 */
import { MemoryDetectorStore, MemoryPassageStorage, MemoryStorage } from '../../src/index.js';

const WRITES = new Set(['insert', 'remove', 'add', 'put', 'delete', 'putEdges', 'removeOlderThan', 'clear', 'saturate']);

export interface FaultPlan {
  /** Writes so far, across the three stores. */
  writes: number;
  /** The write (1-based) that fails; 0 for none. */
  failAt: number;
  /** Whether the failing write happens before it throws. */
  mode: 'before' | 'after';
  /** Once failing, every later write fails too (a dead server) until this is set false. */
  dead: boolean;
  /** Set when the fault fired. */
  fired: boolean;
}

export class InjectedFault extends Error {}

function faulty<T extends object>(target: T, plan: FaultPlan): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string' || !WRITES.has(key)) return typeof value === 'function' ? value.bind(obj) : value;
      return (...args: unknown[]) => {
        plan.writes++;
        const failing = plan.writes === plan.failAt || (plan.dead && plan.fired);
        if (!failing) return (value as (...a: unknown[]) => unknown).apply(obj, args);
        plan.fired = true;
        if (plan.mode === 'after') (value as (...a: unknown[]) => unknown).apply(obj, args);
        throw new InjectedFault(`injected fault at write ${plan.writes} (${key})`);
      };
    },
  });
}

/** A Detector `storage` of three memory stores failing as `plan` says. */
export function faultyStorage(plan: FaultPlan): { documents: MemoryStorage; passages: MemoryPassageStorage; articles: MemoryDetectorStore } {
  return {
    documents: faulty(new MemoryStorage(), plan),
    passages: faulty(new MemoryPassageStorage(), plan),
    articles: faulty(new MemoryDetectorStore(), plan),
  };
}

export function plan(failAt: number, mode: FaultPlan['mode'], dead = false): FaultPlan {
  return { writes: 0, failAt, mode, dead, fired: false };
}
