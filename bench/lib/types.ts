/**
 * The contract between the bench runner and its sections: what a section receives (`BenchContext`)
 * and what it returns (`SectionResult`), rendered to bench/results.md and bench/results.json.
 */
import type { MinHasher } from '../../src/index.js';
import type { CorpusInfo, Doc } from './corpus.js';
import type { MachineInfo } from './machine.js';

/** Comparison a headline figure is held to. */
export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
  /** How the target reads in the table, e.g. "≥ 30×". Defaults to op and value. */
  readonly text?: string;
}

/** One headline figure. `pass` is set when there is a target. */
export interface Row {
  readonly label: string;
  readonly value: number | string;
  readonly unit: string;
  readonly target?: string;
  readonly pass?: boolean;
}

/** An extra table (per edit rate, per bin, ...) shown under the headline rows. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface SectionResult {
  readonly title: string;
  /** Headline figures, with targets where the project has set one. */
  readonly rows: readonly Row[];
  readonly tables?: readonly Table[];
  /** Short paragraphs: how it was measured and what the figures mean. */
  readonly notes: readonly string[];
  /** Everything measured, for results.json (raw run times, counts, parameters). */
  readonly payload: unknown;
}

/** A section module: `bench/sections/<name>.ts` exporting `run`. */
export interface SectionModule {
  run(ctx: BenchContext): Promise<SectionResult>;
}

/** Sizes that differ between `--quick` (CI smoke run) and the full bench. */
export interface Scale {
  /** Timed runs per speed figure (median reported); ≥ 5. */
  readonly runs: number;
  /** Signatures in the LSH index of the `lsh` section. */
  readonly lshIndexSize: number;
  /** Queries timed per run in the `lsh` section. */
  readonly lshQueries: number;
  /** Documents in the exact all-pairs reference. */
  readonly exactDocs: number;
  /** Source documents edited by the `synthetic` section. */
  readonly syntheticSources: number;
  /** Documents signed with npm minhash per run (it is ~100× slower). */
  readonly peerSample: number;
}

export interface BenchContext {
  readonly quick: boolean;
  readonly scale: Scale;
  /** Every loaded corpus document, in corpus then file order. */
  readonly docs: readonly Doc[];
  readonly corpora: readonly CorpusInfo[];
  /** The fixture articles by id ('000' … '004'). */
  readonly fixtures: ReadonlyMap<string, string>;
  readonly machine: MachineInfo;
  /** The default hasher (numPerm 128, word 3-shingles, seed 1). */
  readonly hasher: MinHasher;
  /** Seed for every generated input. */
  readonly seed: number;
  /** Computes `make()` once per key for the whole run (signatures, shingle sets, ...). */
  memo<T>(key: string, make: () => T): T;
  /** Progress line on stderr. */
  log(message: string): void;
}

/** A headline row; computes `pass` from the target. */
export function row(label: string, value: number | string, unit: string, target?: Target): Row {
  if (!target) return { label, value, unit };
  const text = target.text ?? `${target.op === '>=' ? '≥' : '≤'} ${target.value}`;
  const pass = typeof value === 'number' && (target.op === '>=' ? value >= target.value : value <= target.value);
  return { label, value, unit, target: text, pass };
}
