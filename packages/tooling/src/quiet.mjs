// Running a step of `npm start` quietly: one progress line, and the step's full output only
// when it fails. Only Node built-ins.

import { spawn } from 'node:child_process';
import { ROOT } from './process.mjs';

/** Set by `npm start` on Ctrl-C: a step that then dies is not a failure to report. */
export const interrupt = { requested: false };

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Prints one progress line. */
export function say(message) {
  console.log(`portcullis: ${message}`);
}

/**
 * Runs `command args` from the repository root with its output captured. Resolves when it
 * succeeds; when it fails, prints what it printed and exits with its status.
 */
export function step(label, command, args) {
  const started = performance.now();
  process.stdout.write(`portcullis: ${label} ... `);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code, signal) => {
      if (interrupt.requested) {
        process.stdout.write('stopped\n');
        process.exit(0);
      }
      if (code === 0) {
        process.stdout.write(`done in ${seconds(started)}\n`);
        resolve();
        return;
      }
      process.stdout.write('failed\n');
      process.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
      console.error(`portcullis: ${label} failed (${signal ?? `exit ${code}`}): ${command} ${args.join(' ')}`);
      process.exit(code || 1);
    });
  });
}
