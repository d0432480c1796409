// Changesets, the ecosystem's versioning tool, keeps its files in `.changeset/` at the
// workspace root, which this repository keeps to a fixed set of entries. They live in
// packages/tooling/changesets instead; this runs any `changeset` command on a temporary
// `.changeset/` made from them, then writes back what the command left (new changesets from
// `add`, none of those `version` consumed) and removes it.
//   node packages/tooling/src/changesets.mjs add | status | version | publish ...

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './process.mjs';

const KEPT = join(ROOT, 'packages/tooling/changesets');
const WORK = join(ROOT, '.changeset');

const isChangeset = (file) => file.endsWith('.md') && file !== 'README.md';

/** Runs `changeset <args>` on a temporary .changeset/ mirrored from packages/tooling/changesets. */
export function runChangesets(args, { stdio = 'inherit' } = {}) {
  if (existsSync(WORK)) {
    throw new Error(`${WORK} exists: a previous run was interrupted; move its changesets to ${KEPT} and remove it`);
  }
  mkdirSync(WORK);
  try {
    cpSync(KEPT, WORK, { recursive: true });
    const bin = join(ROOT, 'node_modules/.bin/changeset');
    const result = spawnSync(bin, args, { cwd: ROOT, stdio, encoding: 'utf8' });
    for (const file of readdirSync(KEPT).filter(isChangeset)) {
      if (!existsSync(join(WORK, file))) rmSync(join(KEPT, file));
    }
    for (const file of readdirSync(WORK).filter(isChangeset)) cpSync(join(WORK, file), join(KEPT, file));
    return result;
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runChangesets(process.argv.slice(2));
  process.exit(result.status ?? 1);
}
