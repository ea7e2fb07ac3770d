/**
 * The commands, in one module that the executable imports only when a command runs (built to
 * dist/commands.js, an ES module sharing the library's chunk). It also hands over the error
 * classes of its own copy of the library, so `run` can tell them apart.
 */
export { scan } from './scan.js';
export { parseFieldMap } from './input.js';
export { compareCommand } from './compare.js';
export { repeatsCommand } from './repeats.js';
export { watch } from './watch.js';
export { OutputError, UsageError } from './errors.js';
export { NeardupError } from '../errors.js';
