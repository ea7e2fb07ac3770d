/**
 * `require` for CommonJS packages that are optional (natural), or costly to load and not always
 * needed (fast-levenshtein builds an Intl.Collator at load, ~15 ms; cli-progress): the package
 * loads on first use, never at `import 'neardup'`.
 */
import { createRequire } from 'node:module';

let load: NodeJS.Require | undefined;

/** Requires `id` (cached by Node after the first call). */
export function lazyRequire<T>(id: string): T {
  load ??= createRequire(import.meta.url);
  return load(id) as T;
}
