// The published package stands alone: @portcullis/browser-model (private) is bundled into the
// JavaScript and the declarations, both module systems load, and the binary is executable.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = join(import.meta.dirname, '..');
const DIST = join(PACKAGE, 'dist');
const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};

function requireBuild(): string[] {
  if (!existsSync(join(DIST, 'index.js'))) {
    throw new Error('@portcullis/cli is not built: run `pnpm --filter @portcullis/cli build` (the root test command builds first)');
  }
  return readdirSync(DIST).filter((f) => /\.(c?js|d\.c?ts)$/.test(f));
}

describe('the built package', () => {
  it('never imports @portcullis/browser-model, which is not published', () => {
    for (const file of requireBuild()) {
      expect(readFileSync(join(DIST, file), 'utf8'), file).not.toContain('@portcullis/browser-model');
    }
    expect(Object.keys(pkg.dependencies)).toEqual(['@portcullis/core']);
  });

  it.each([
    { format: 'ESM', source: "import('@portcullis/cli').then((m) => console.log(typeof m.checkCors, typeof m.createCorsProxy))" },
    { format: 'CJS', source: "const m = require('@portcullis/cli'); console.log(typeof m.checkCors, typeof m.createCorsProxy)" },
  ])('loads as $format', ({ source }) => {
    requireBuild();
    const out = execFileSync(process.execPath, ['-e', source], { cwd: PACKAGE, encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('function function');
  });

  it('has an executable binary', () => {
    const bin = join(PACKAGE, pkg.bin.portcullis!);
    accessSync(bin, constants.X_OK);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
