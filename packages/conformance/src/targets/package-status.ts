// A target is pending while its adapter package is not installed in this workspace package or
// not built, declarations included (the root test command builds every package first).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function packageUnavailable(name: string): string | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    return `${name} is not installed in packages/conformance`;
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { module?: string; main?: string; types?: string };
  // A build that failed half way leaves the JavaScript without its declarations: not built.
  for (const entry of [pkg.module ?? pkg.main, pkg.types]) {
    if (entry && !existsSync(join(dirname(manifest), entry))) return `${name} is not built (${entry} missing)`;
  }
  return undefined;
}
