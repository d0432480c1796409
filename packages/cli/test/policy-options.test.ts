// `--policy <file>` and the policy flags beside it: the file is core's options, validated by
// core, and every problem names the flag or the place in the file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyOptions } from '../src/policy-options.js';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-policy-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('policyOptions', () => {
  it('reads core options from a JSON file', async () => {
    const policy = file('ok.json', JSON.stringify({ origin: ['https://myapp.es'], credentials: true, maxAge: 60 }));
    expect(await policyOptions({ policy })).toEqual({ origin: ['https://myapp.es'], credentials: true, maxAge: 60 });
  });

  it('reads the default export of a module', async () => {
    const policy = file('ok.mjs', "export default { origin: 'https://myapp.es', allowHeaders: ['x-user'] };");
    expect(await policyOptions({ policy })).toEqual({ origin: 'https://myapp.es', allowHeaders: ['x-user'] });
  });

  it('lets the flags replace the fields they name', async () => {
    const policy = file('base.json', JSON.stringify({ origin: ['https://myapp.es'], allowHeaders: ['x-a'] }));
    expect(await policyOptions({ policy, origin: ['https://other.es'], 'allow-header': ['x-b'] })).toEqual({
      origin: ['https://other.es'],
      allowHeaders: ['x-b'],
    });
  });

  const wrong: { rule: string; values: () => Parameters<typeof policyOptions>[0]; message: RegExp }[] = [
    { rule: 'no origin anywhere', values: () => ({}), message: /--origin is required/ },
    { rule: 'a file without origin', values: () => ({ policy: file('none.json', '{}') }), message: /has no origin, and no --origin is given/ },
    { rule: 'a missing file', values: () => ({ policy: join(dir, 'missing.json') }), message: /cannot be read: no such file/ },
    { rule: 'a file that is not JSON', values: () => ({ policy: file('bad.json', '{ origin: x }') }), message: /is not valid JSON/ },
    { rule: 'a file that holds an array', values: () => ({ policy: file('array.json', '[]') }), message: /must hold an object of CORS options/ },
    { rule: 'a module without a default export', values: () => ({ policy: file('named.mjs', 'export const origin = 1;') }), message: /has no default export/ },
    {
      rule: "core's problems, located in the file",
      values: () => ({ policy: file('typo.json', JSON.stringify({ origin: ['https://myapp.es/'], allowedHeaders: ['x'] })) }),
      message: /^invalid CORS policy: (?=.*typo\.json: origin\[0\]: .*\(fix: )(?=.*typo\.json: allowedHeaders: )/,
    },
    { rule: "core's problems, located on the flag", values: () => ({ origin: ['https://myapp.es/'] }), message: /invalid CORS flags: --origin #1: / },
  ];
  it.each(wrong)('refuses $rule, saying what to write', async ({ values, message }) => {
    await expect(policyOptions(values())).rejects.toThrow(message);
  });
});
