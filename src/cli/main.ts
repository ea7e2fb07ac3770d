#!/usr/bin/env node
/**
 * The `neardup` executable (package.json "bin"; built to dist/cli.cjs, CommonJS, which starts
 * faster than an ES module entry; the commands are the ES module dist/commands.js).
 */
import { run } from './program.js';

void run(process.argv).then((status) => {
  process.exitCode = status;
});
