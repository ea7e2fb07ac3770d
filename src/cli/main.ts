#!/usr/bin/env node
/**
 * The `neardup` executable (package.json "bin"; built to dist/cli.js).
 */
import { run } from './program.js';

process.exitCode = await run(process.argv);
