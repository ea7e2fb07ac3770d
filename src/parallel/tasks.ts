/**
 * What a worker thread of a parallel scan does, as a plain function over plain messages: make an
 * article's query ready (normalize, paragraphs, shingles, signature), write it into shared
 * memory, and find the article's internal repeats if asked; or verify an article's candidates by
 * alignment (verifier.ts).
 */
import { findRepeats, type Repeat } from '../align/repeats.js';
import type { CountsSnapshot, PipelineSettings } from '../detect/pipeline.js';
import { prepareQuery, type QuerySettings } from '../detect/query.js';
import { MinHasher } from '../sketch/minhash.js';
import { encodeQuery } from './shared-query.js';
import { Verifier, type CountsRequest, type VerifyRequest, type VerifyResult } from './verifier.js';

/** What every worker starts from (its `workerData`). */
export interface WorkerSetup {
  readonly settings: PipelineSettings;
  /** The Detector's corpus counts when the scan starts. */
  readonly counts: CountsSnapshot;
}

/** Prepare and sign one article. */
export interface PrepareRequest {
  readonly kind: 'prepare';
  readonly text: string;
  readonly publishedAt: number | undefined;
  readonly repeats: boolean;
}

/** An error as it crosses threads: enough to rebuild a neardup error of the same class. */
export interface SentError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own fields of the error (code, limit, id, ...). */
  readonly fields: Record<string, unknown>;
}

export type TaskRequest = PrepareRequest | VerifyRequest | CountsRequest;

export type PrepareReply = { readonly ok: true; readonly buffer: SharedArrayBuffer; readonly repeats: Repeat[] | undefined } | { readonly ok: false; readonly error: SentError };
export type VerifyReply = { readonly ok: true; readonly matches: VerifyResult } | { readonly ok: false; readonly error: SentError };
export type CountsReply = { readonly ok: true; readonly counts: CountsSnapshot } | { readonly ok: false; readonly error: SentError };
export type TaskReply = PrepareReply | VerifyReply | CountsReply;

/** The task runner of one worker. */
export function taskRunner(setup: WorkerSetup): (request: TaskRequest) => TaskReply {
  const s = setup.settings;
  const query: QuerySettings = { ...s, hasher: new MinHasher({ numPerm: s.numPerm, seed: s.seed, shingleSize: s.shingleSize }) };
  let verifier: Verifier | undefined;
  return (request) => {
    try {
      if (request.kind === 'verify') {
        verifier ??= new Verifier(s, query.hasher.params, setup.counts);
        return { ok: true, matches: verifier.verify(request) };
      }
      if (request.kind === 'counts') {
        verifier ??= new Verifier(s, query.hasher.params, setup.counts);
        return { ok: true, counts: verifier.counts(request) };
      }
      const buffer = encodeQuery(prepareQuery(request.text, request.publishedAt, query));
      return { ok: true, buffer, repeats: request.repeats ? findRepeats(request.text) : undefined };
    } catch (err) {
      return { ok: false, error: sendError(err) };
    }
  };
}

function sendError(err: unknown): SentError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), stack: undefined, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
  return { name: err.name, message: err.message, stack: err.stack, fields };
}
