// Types are part of the adapter's contract: `next build` type-checks every route module. This
// compiles a fixture of typed uses (and of misuses that must be rejected) with the TypeScript
// compiler and the package's own tsconfig.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';

const FIXTURE = fileURLToPath(new URL('./types/route-types.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

let previous: ts.Program | undefined;

function compile(extra = ''): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error(`cannot read ${TSCONFIG}`);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => {
    const text = readFile(name);
    return name === FIXTURE && text !== undefined ? text + extra : text;
  };
  // Reusing the previous program's unchanged files (lib, next, core) halves the second compile.
  const program = ts.createProgram([FIXTURE], config.options, host, previous);
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}:${d.start ?? ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('types of withCors and corsProxy', () => {
  it('typed uses compile and every misuse marked @ts-expect-error is rejected', () => {
    expect(compile()).toEqual([]);
  }, 60_000);

  it('the check can fail: an error added to the fixture is reported', () => {
    const errors = compile("\nexport const broken: Response = withCors({ GET: getItem }, options).GET(req);\n");
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);
});
