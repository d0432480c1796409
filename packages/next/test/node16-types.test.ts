// The published declarations, as a strict user project sees them: `moduleResolution: node16`
// (Node's own rules: `next` has no exports map, so `next/server` must be spelled
// `next/server.js`) and `skipLibCheck: false`, where a declaration that fails to resolve is an
// error instead of a silent `any`. The fixture in test/node16 imports the built package by name.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const TSCONFIG = fileURLToPath(new URL('./node16/tsconfig.json', import.meta.url));
const DIST_DTS = fileURLToPath(new URL('../dist/index.d.ts', import.meta.url));
// Next's own declarations do not pass skipLibCheck: false (they name react-server-dom-webpack,
// URLPattern, webpack internals that an app never installs): only theirs are left out.
const NEXT_DIR = realpathSync(dirname(createRequire(import.meta.url).resolve('next/package.json')));

let previous: ts.Program | undefined;

function compile(replaceInDist?: [string, string]): string[] {
  if (!existsSync(DIST_DTS)) throw new Error('@portcullis/next is not built: run `pnpm --filter @portcullis/next build` first');
  const config = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error(`cannot read ${TSCONFIG}`);
  const host = ts.createCompilerHost(config.options);
  if (replaceInDist !== undefined) {
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => {
      const text = readFile(name);
      return text !== undefined && realpathSync(name) === DIST_DTS ? text.replaceAll(...replaceInDist) : text;
    };
  }
  // Reusing the unchanged files of the previous program (lib, next, core) saves most of a compile.
  const program = ts.createProgram(config.fileNames, config.options, host, previous);
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || !realpathSync(d.file.fileName).startsWith(NEXT_DIR))
    .map((d) => `${d.file?.fileName ?? ''}:${d.start ?? ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the built declarations under moduleResolution: node16, skipLibCheck: false', () => {
  it('a route module (ESM and CJS) and a proxy type-check, their request a NextRequest', () => {
    expect(compile()).toEqual([]);
  }, 120_000);

  it('the check can fail: importing next/server without its extension is an error, and the request turns any', () => {
    const errors = compile(["'next/server.js'", "'next/server'"]);
    expect(errors.some((e) => e.includes("Cannot find module 'next/server'"))).toBe(true);
    expect(errors.some((e) => e.includes('route.ts') && e.includes("Type 'true' is not assignable to type 'false'"))).toBe(true);
  }, 120_000);
});
