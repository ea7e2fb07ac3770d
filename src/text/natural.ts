/**
 * natural, loaded on first use and one module at a time. natural is an optional peer
 * dependency: its package index loads database clients, prints to stdout and reads ./.env, and
 * its install brings ~80 MB of them, so neardup never imports it whole and never at start-up.
 * Only `stem` and `stopwords` need it; everything else works without it installed.
 */
import { MissingDependencyError } from '../errors.js';
import { lazyRequire } from '../util/lazy-require.js';

const loaded = new Map<string, unknown>();

/**
 * Requires one module of natural (a path below `natural/lib/natural/`), once.
 *
 * @throws MissingDependencyError naming `npm install natural` when natural is not installed.
 */
export function naturalModule<T>(path: string, feature: string): T {
  let mod = loaded.get(path);
  if (mod === undefined) {
    try {
      mod = lazyRequire(`natural/lib/natural/${path}`);
    } catch (cause) {
      throw new MissingDependencyError(
        'natural',
        `${feature} uses the optional peer dependency natural, which is not installed: run \`npm install natural@^8\``,
        { cause },
      );
    }
    loaded.set(path, mod);
  }
  return mod as T;
}
