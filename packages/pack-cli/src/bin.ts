#!/usr/bin/env node
import { runCli } from './cli.js';
import { processIo } from './io.js';

// runCli never throws: it prints `duet-pack: <message>` and returns the exit code.
process.exitCode = await runCli(process.argv.slice(2), processIo());
