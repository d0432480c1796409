#!/usr/bin/env node
// The `portcullis` command (bin/portcullis.js loads this file once it is built).
import { main } from './cli.js';

const argv = process.argv.slice(2);

// Ctrl-C and SIGTERM stop the proxy cleanly (exit status 0); a check keeps Node's defaults.
const stopSignal =
  argv[0] === 'proxy'
    ? new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      })
    : undefined;

void main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, ...(stopSignal ? { stopSignal } : {}) }).then(
  (code) => {
    // No process.exit(): it could cut off output still queued for a pipe.
    process.exitCode = code;
  },
);
