#!/usr/bin/env node
// The `portcullis` command. A committed launcher, so that package managers can link the binary
// before the build has produced dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
// In a clone of the repository (the sources beside the launcher; a published package has
// none), the CLI or the @portcullis/core it imports may not be built yet.
const inClone = existsSync(new URL('../src/bin.ts', import.meta.url));
const NOT_BUILT = 'portcullis: the CLI is not built: run `npm run build:cli` at the root of the repository\n';

if (!existsSync(entry)) {
  process.stderr.write(NOT_BUILT);
  process.exit(2);
}
try {
  await import(entry.href);
} catch (error) {
  const missingCore = error?.code === 'ERR_MODULE_NOT_FOUND' && /@portcullis[\\/]core[\\/]dist[\\/]/.test(String(error.message));
  if (!(inClone && missingCore)) throw error;
  process.stderr.write(NOT_BUILT);
  process.exit(2);
}
