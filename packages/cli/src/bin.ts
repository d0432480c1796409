#!/usr/bin/env node
// The `portcullis` command (bin/portcullis.js loads this file once it is built).
import { main } from './cli.js';

const stop = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stopSignal: stop }).then(
  (code) => {
    process.exitCode = code;
    // A check may leave a socket draining; the verdict is printed, so stop here.
    if (process.argv[2] !== 'proxy') process.exit(code);
  },
);
