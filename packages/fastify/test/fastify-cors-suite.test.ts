// @fastify/cors's own test files, from its published package (node_modules/@fastify/cors/test),
// run as written with `node --test`: where they require @fastify/cors they get a small
// translation of its options onto @portcullis/fastify (fixtures/fastify-cors-translation.cjs).
// Every test that fails does so for a difference the README's migration table documents, named
// here by its row; a test that starts passing, or fails without a row, fails this file. The
// README's migration section states the count.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCorsEngine } from '@portcullis/core/adapter';
import { beforeAll, describe, expect, test } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const suite = join(dirname(createRequire(import.meta.url).resolve('@fastify/cors/package.json')), 'test');
const readme = readFileSync(join(here, '../README.md'), 'utf8');

/** Whether the core takes `origin: ['*']` as `'*'` (@fastify/cors does). */
function acceptsLoneWildcardInList(): boolean {
  try {
    createCorsEngine({ origin: ['*'] });
    return true;
  } catch {
    return false;
  }
}

// The failing tests of each file, each with the migration table's row that explains it.
const ORIGIN_FUNCTION = 'origin: function'; // `Origin: example.com` is no origin: it never reaches a function
const DIFFERENCES: Record<string, Record<string, string>> = {
  'cors.test.js': {
    'Should add cors headers (custom values)': 'origin: string',
    'Should support dynamic config (callback)': 'options as a function',
    'Should support dynamic config (Promise)': 'options as a function',
    'Should support dynamic config. (Invalid function)': 'options as a function',
    'Dynamic origin resolution (valid origin)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (not valid origin)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (errored)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (invalid result)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (valid origin - promises)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (not valid origin - promises)': ORIGIN_FUNCTION,
    'Dynamic origin resolution (errored - promises)': ORIGIN_FUNCTION,
    'Should support wildcard arrays from dynamic origin resolvers': ORIGIN_FUNCTION,
    'Should reply 404 without cors headers when origin is false': 'origin: false',
    'Server error if origin option is falsy but not false': 'origin: string',
    'Allow only request from a specific origin': 'origin: string',
    'Allow only request from multiple specific origin': 'origin: array',
    'Allow only request from a specific origin using regex': 'origin: RegExp',
    'Should always add vary header to `Origin` for reflected origin': 'origin: true',
    'Should always add vary header to `Origin` for reflected origin (vary is array)': 'origin: true',
    'Should collapse vary header to * when pre-existing vary contains * with whitespace before comma': 'origin: true',
    'Allow only request from with specific headers': 'origin: string',
    ...(acceptsLoneWildcardInList() ? {} : { 'Should support wildcard config /2': 'origin: array' }),
    'Should not run origin function or add vary header when route disables CORS (callback origin)': ORIGIN_FUNCTION,
    'Should not run origin function or add vary header when route disables CORS (promise origin)': ORIGIN_FUNCTION,
  },
  // Each asserts which of Fastify's hooks @fastify/cors added, or that `hook` is validated.
  'hooks.test.js': Object.fromEntries(
    [
      'Should error on invalid hook option',
      'Should set hook onRequest if hook option is not set',
      'Should set hook onRequest if hook option is set to onRequest',
      'Should set hook preParsing if hook option is set to preParsing',
      'Should set hook preValidation if hook option is set to preValidation',
      'Should set hook preHandler if hook option is set to preHandler',
      'Should error on onSend hook option',
      'Should error on onSend hook option with delegator',
      'Should set hook preSerialization if hook option is set to preSerialization',
      'Should support custom hook with dynamic config',
      'Should support custom hook with dynamic config (callback)',
      'Should support custom hook with dynamic config (Promise)',
      'Should support custom hook with dynamic config (Promise), but should error /1',
      'Should support custom hook with dynamic config (Promise), but should error /2',
    ].map((name) => [name, 'hook']),
  ),
  'preflight.test.js': {
    'Should reply to preflight requests': 'methods',
    'Should add access-control-allow-headers to response if preflight req has access-control-request-headers': 'allowedHeaders (default: reflect)',
    'Should reply to preflight requests with custom status code': 'methods',
    'Should be able to override preflight response with a route': 'preflightContinue',
    'Should reply to all options requests': 'methods',
    'Should support a prefix for preflight requests': 'methods',
    'hide options route by default': 'hideOptionsRoute',
    'show options route': 'hideOptionsRoute',
    'Should reply with 400 error to OPTIONS requests missing origin header when default strictPreflight': 'strictPreflight',
    'Should reply with 400 to OPTIONS requests when missing Access-Control-Request-Method header when default strictPreflight': 'strictPreflight',
    'Should reply to all preflight requests when strictPreflight is disabled': 'strictPreflight',
    'Default empty 200 response with preflightContinue on OPTIONS routes': 'preflightContinue',
    'Can override preflight response with preflightContinue': 'preflightContinue',
    'Should support ongoing prefix ': 'methods',
    'Silences preflight logs when logLevel is "silent"': 'logLevel',
    'delegator + logLevel:"silent" → OPTIONS logs are suppressed': 'delegator',
    'delegator + hideOptionsRoute:false → OPTIONS route is visible': 'delegator',
  },
};

/** Each test of `file`, run as written: name and whether it passed (in order, names may repeat). */
function run(file: string): { name: string; passed: boolean }[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--test', '--test-reporter=tap', '--require', join(here, 'fixtures/fastify-cors-redirect.cjs'), join(suite, file)], {
      cwd: join(here, '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // node --test exits with 1 when a test fails: its report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return [...output.matchAll(/^(not ok|ok) \d+ - (.*)$/gm)].map((m) => ({ name: m[2]!.replace(/ # SKIP.*$/, ''), passed: m[1] === 'ok' }));
}

/** The first-column names of the README's migration table. */
function tableRows(): Set<string> {
  const section = readme.slice(readme.indexOf('## Migrating from `@fastify/cors`'));
  return new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!));
}

let results: Record<string, { name: string; passed: boolean }[]> = {};

describe("@fastify/cors's own tests, run as written against @portcullis/fastify", () => {
  beforeAll(() => {
    results = Object.fromEntries(Object.keys(DIFFERENCES).map((file) => [file, run(file)]));
  });

  test.each(Object.keys(DIFFERENCES))('%s: the tests that fail are exactly the documented differences', (file) => {
    const documented = DIFFERENCES[file]!;
    const failing = results[file]!.filter((t) => !t.passed).map((t) => `${t.name} (${documented[t.name] ?? 'no documented difference'})`);
    // A name the file uses twice must fail twice.
    const expected = results[file]!.filter((t) => Object.hasOwn(documented, t.name)).map((t) => `${t.name} (${documented[t.name]})`);
    expect(failing).toEqual(expected);
    expect(new Set(results[file]!.map((t) => t.name))).toEqual(new Set([...results[file]!.filter((t) => t.passed).map((t) => t.name), ...Object.keys(documented)]));
  });

  test('every difference cites a row of the migration table', () => {
    const rows = tableRows();
    const cited = new Set(Object.values(DIFFERENCES).flatMap((file) => Object.values(file)));
    expect([...cited].filter((row) => !rows.has(row))).toEqual([]);
  });

  test('the README states the count', () => {
    const all = Object.values(results).flat();
    const passing = all.filter((t) => t.passed).length;
    expect(all.length).toBe(63);
    expect(readme).toContain(`${passing} of its ${all.length} tests pass as written`);
  });
});
