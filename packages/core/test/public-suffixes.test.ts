// The shared suffixes that refuse a credentialed wildcard, checked against the real Public
// Suffix List (https://publicsuffix.org/list/) as packaged by `psl` (a dev dependency only):
// every name listed is on the list, and the rules cover the families they stand for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSharedSuffix, LISTED_REGISTRY_LABELS, LISTED_SHARED_SUFFIXES } from '../src/public-suffixes.js';

const pslMain = createRequire(import.meta.url).resolve('psl');
const source = readFileSync(join(dirname(pslMain), '../data/rules.js'), 'utf8');
const rules: string[] = JSON.parse(source.slice(source.indexOf('['), source.lastIndexOf(']') + 1)) as string[];
const plain = new Set(rules.filter((r) => !r.startsWith('!') && !r.startsWith('*.')));

describe('the shared-suffix list is the Public Suffix List', () => {
  it('has a real list to compare with', () => {
    expect(rules.length).toBeGreaterThan(9000);
    expect(plain.has('github.io')).toBe(true);
  });

  it.each(LISTED_SHARED_SUFFIXES.map((suffix) => ({ suffix })))('$suffix is a public suffix', ({ suffix }) => {
    expect(plain.has(suffix)).toBe(true);
  });

  it('every registry label names real second-level registries', () => {
    for (const label of LISTED_REGISTRY_LABELS) {
      const registries = [...plain].filter((r) => r.startsWith(`${label}.`) && /^[a-z]{2}$/.test(r.slice(label.length + 1)));
      expect(registries.length, label).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers every second-level registry of a country code that uses a registry label', () => {
    const registries = [...plain].filter((r) => {
      const [first, last, ...more] = r.split('.');
      return more.length === 0 && last !== undefined && /^[a-z]{2}$/.test(last) && LISTED_REGISTRY_LABELS.includes(first!);
    });
    expect(registries.length).toBeGreaterThan(1000);
    expect(registries.filter((r) => !isSharedSuffix(r))).toEqual([]);
  });

  it('covers every suffix of the amazonaws.com family', () => {
    const family = [...plain].filter((r) => r.endsWith('.amazonaws.com'));
    expect(family.length).toBeGreaterThan(100);
    expect(family.filter((r) => !isSharedSuffix(r))).toEqual([]);
  });

  it.each(['gov.br', 'edu.br', 'ac.in', 'uk.com', 'r2.dev', 'pythonanywhere.com', 's3.us-east-1.amazonaws.com', 'co.uk', 'com.au', 'github.io', 'vercel.app'])(
    '%s, reported by a user, is covered and on the list',
    (suffix) => {
      expect(plain.has(suffix)).toBe(true);
      expect(isSharedSuffix(suffix)).toBe(true);
    },
  );

  it.each(['myapp.es', 'example.com', 'web.de', 'bbc.co.uk', 'app.github.io', 'myproject.vercel.app'])('%s is an owner\'s domain, not shared', (host) => {
    expect(isSharedSuffix(host)).toBe(false);
  });
});
