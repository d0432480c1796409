// The Node.js versions this repository supports, stated once: the root package.json's
// `engines.node`, which every package's `engines` repeats (a test keeps them equal) and the
// README quotes. The README's commands check it first, so CI fails on another Node.js with a
// sentence rather than with an error deep in a tool. Only Node built-ins.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './process.mjs';

/** The root package.json's `engines.node`, e.g. `>=20.11`. */
export function supportedRange() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
}

const parts = (version) => version.replace(/^v/, '').split('.').map(Number);

/** Whether `version` (e.g. `20.20.0`) is in `range`, which must be of the form `>=X[.Y[.Z]]`. */
export function satisfies(version, range) {
  const match = /^>=(\d+(?:\.\d+){0,2})$/.exec(range);
  if (match === null) throw new Error(`engines.node must be of the form >=X.Y, not ${range}`);
  const [have, need] = [parts(version), parts(match[1])];
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/** Exits with a sentence when this Node.js is not one the repository supports. */
export function requireSupportedNode() {
  const range = supportedRange();
  if (satisfies(process.versions.node, range)) return;
  console.error(`portcullis: this repository needs Node.js ${range} (package.json engines); this is Node.js ${process.versions.node}`);
  process.exit(1);
}
