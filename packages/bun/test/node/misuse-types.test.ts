// A type error is part of the message a user reads: a method table given to withCors inside
// routes is rejected by the compiler with a sentence that says what to write instead.

import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const FIXTURE = fileURLToPath(new URL('../misuse/method-table-in-routes.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

function diagnostics(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error(`cannot read ${TSCONFIG}`);
  const program = ts.createProgram([FIXTURE], config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('a method table given to withCors inside routes: one error, which says to put it in routes', () => {
  const errors = diagnostics();
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(
    'withCors needs a handler or the whole Bun.serve options: put the method table in routes and wrap the options, withCors({ routes: { path: { GET, DELETE } } }, corsOptions)',
  );
}, 60_000);
