// The shared suffixes that refuse a credentialed wildcard are the Public Suffix List
// (https://publicsuffix.org/list/), as packaged by `psl` (a dev dependency, pinned): the
// committed module is what the generator makes of that package, and every rule of it refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { generate, OUTPUT, punycode, readPsl } from '../scripts/public-suffixes.mjs';
import { isSharedSuffix } from '../src/public-suffixes.js';

const psl = readPsl() as { rules: string[]; version: string };
const ascii = (name: string) => name.split('.').map(punycode as (label: string) => string).join('.');
const multiLabel = psl.rules.filter((rule) => rule.replace(/^[!*]\.?/, '').includes('.')).map(ascii);

describe('the shared-suffix list is the Public Suffix List', () => {
  it('has a real list to compare with', () => {
    expect(psl.rules.length).toBeGreaterThan(9000);
    expect(multiLabel.length).toBeGreaterThan(8000);
  });

  it('the committed module is what the generator makes of the pinned psl (update: npx pnpm@10.34.9 --filter @portcullis/core run public-suffixes:update)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe((generate as (list: typeof psl) => string)(psl));
  });

  it('the pinned psl is the one package.json names, exactly', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies.psl).toBe(psl.version);
  });

  it('every rule of two labels or more is shared; a wildcard rule shares each name one label below it', () => {
    const missed = multiLabel
      .filter((rule) => !rule.startsWith('!'))
      .map((rule) => rule.replace(/^\*\./, 'anything.'))
      .filter((suffix) => !isSharedSuffix(suffix));
    expect(missed).toEqual([]);
  });

  it('an exception rule is a registrable name, not shared', () => {
    const exceptions = multiLabel.filter((rule) => rule.startsWith('!')).map((rule) => rule.slice(1));
    expect(exceptions.length).toBeGreaterThan(0);
    expect(exceptions.filter((name) => isSharedSuffix(name))).toEqual([]);
  });

  it.each(['js.org', 'eu.org', 'is-a.dev', 'pp.ua', 'a.run.app', 'servicebus.windows.net', 'gov.br', 'co.uk', 'github.io', 'vercel.app', 's3.us-east-1.amazonaws.com'])(
    '%s, reported by a user, is on the list (or under its wildcard) and shared',
    (suffix) => {
      expect(psl.rules.includes(suffix) || psl.rules.includes(suffix.replace(/^[^.]+/, '*'))).toBe(true);
      expect(isSharedSuffix(suffix)).toBe(true);
    },
  );

  it.each([
    { host: 'com', why: 'a single label' },
    { host: '127.0.0', why: 'an IPv4-looking tail' },
    { host: 'amazonaws.com', why: 'a name above public suffixes (s3.amazonaws.com)' },
    { host: 'windows.net', why: 'a name above public suffixes (servicebus.windows.net)' },
    { host: 'foo.kawasaki.jp', why: 'a name under a wildcard rule (*.kawasaki.jp)' },
  ])('$host is shared: $why', ({ host }) => {
    expect(isSharedSuffix(host)).toBe(true);
  });

  it.each(['myapp.es', 'example.com', 'web.de', 'bbc.co.uk', 'app.github.io', 'myproject.vercel.app', 'city.kawasaki.jp', 'a.b.kawasaki.jp'])("%s is an owner's domain, not shared", (host) => {
    expect(isSharedSuffix(host)).toBe(false);
  });
});
