#!/usr/bin/env node
// The `portcullis` command. A committed launcher, so that package managers can link the binary
// before the build has produced dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('portcullis: the CLI is not built: run `pnpm --filter @portcullis/cli build`\n');
  process.exit(2);
}
await import(entry.href);
