// RegExp origins and backtracking: a RegExp whose matching can take time that grows faster than
// the Origin is refused when the policy is built, and every RegExp cors() accepts matches a
// 1,024-byte origin in bounded time. The judge is the engine itself, run in a worker with a hard
// limit: a matcher that backtracks exponentially on a 1 KB origin runs for longer than the
// universe has existed, a linear one for microseconds, so the limit can be generous and never
// flake.
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cors, CorsConfigError } from '../src/index.js';
import { MAX_ORIGIN_LENGTH } from '../src/protocol.js';
import { isSerializedOrigin } from '../src/origin-matcher.js';
import { backtrackingGrowth } from '../src/regexp-backtracking.js';

/** Per RegExp, in a worker that is terminated when it runs over. */
const HARD_LIMIT_MS = 3000;

const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ regexps }) => {
  regexps.forEach(({ source, flags, origins }, index) => {
    parentPort.postMessage({ started: index });
    const re = new RegExp(source, flags);
    for (const origin of origins) re.test(origin);
  });
  parentPort.postMessage({ done: true });
});
`;

interface Job {
  readonly source: string;
  readonly flags: string;
  readonly origins: readonly string[];
}

/** Runs every job; resolves with the index of the first one that ran over the limit, or -1. */
function runWithLimit(regexps: readonly Job[], limitMs = HARD_LIMIT_MS): Promise<number> {
  const worker = new Worker(WORKER, { eval: true });
  return new Promise<number>((resolve, reject) => {
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    worker.on('message', (message: { started?: number; done?: boolean }) => {
      clearTimeout(timer);
      if (message.done === true) return finish(-1);
      current = message.started!;
      timer = setTimeout(() => finish(current), limitMs);
    });
    worker.on('error', reject);
    worker.postMessage({ regexps });
  });
}

/** Origins of at most 1,024 bytes that pump one short word, with endings that make a match fail late. */
function adversarialOrigins(): string[] {
  const origins = new Set<string>();
  for (const prefix of ['https://', 'http://', 'https://a.']) {
    for (const word of ['a', '0', 'a-', 'a.', 'a0', 'ab', 'a_', '-a', 'www.']) {
      for (const suffix of ['', 'a', '.es', '-', '_', ':1', '.myapp.es', '.myapp.es:8443', '.x']) {
        const room = MAX_ORIGIN_LENGTH - prefix.length - suffix.length;
        const origin = prefix + word.repeat(Math.floor(room / word.length)) + suffix;
        if (isSerializedOrigin(origin)) origins.add(origin);
      }
    }
  }
  return [...origins];
}

const SCHEMES = ['^https:\\/\\/', '^https?:\\/\\/', '^http:\\/\\/'];
// Label pieces as origin RegExps write them, safe and unsafe alike.
const PIECES = [
  '[a-z0-9-]+\\.',
  '(?:[a-z0-9-]+\\.)*',
  '(?:[a-z0-9-]+\\.)+',
  '([a-z0-9]+)+',
  '([a-z0-9]+-?)+',
  '(?:[a-z0-9]+-?)*\\.',
  '(?:\\w|\\d)+',
  '(?:a|ab)*',
  '.*',
  '.+\\.',
  '[a-z]+[a-z0-9]*',
  '(?:[a-z.]+\\.)+',
  '(?:www\\.)?',
  '[a-z]{1,63}',
  '(?:[a-z0-9-]{1,63}\\.)+',
  '\\d+',
  '(?:-?[a-z]+)+',
  '(?:[a-z]+|[0-9]+)+',
  '[^.]+\\.',
  '(?:a+)+',
  '\\w+',
  '(?:[a-z0-9]+(?:-[a-z0-9]+)*\\.)+',
];
const DOMAINS = ['myapp\\.es', 'es', ''];
const ENDS = ['$', '(?::\\d+)?$', '(?::\\d{1,5})?$'];

const regexpArb = fc
  .tuple(fc.constantFrom(...SCHEMES), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }), fc.constantFrom(...DOMAINS), fc.constantFrom(...ENDS), fc.constantFrom('', 'i'))
  .map(([scheme, pieces, domain, end, flags]) => new RegExp(`${scheme}${pieces.join('')}${domain}${end}`, flags));

function accepts(re: RegExp): boolean {
  try {
    cors({ origin: re });
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    return false;
  }
}

describe('RegExp origins: matching time stays linear in the Origin', () => {
  it('every RegExp cors() accepts matches 1,024-byte adversarial origins within a hard limit', async () => {
    const regexps = fc.sample(regexpArb, { numRuns: 400, seed: 20250 });
    // The generator reaches both kinds: RegExps that backtrack, and many that cors() accepts.
    expect(regexps.filter((re) => backtrackingGrowth(re) !== undefined).length).toBeGreaterThan(50);
    const accepted = regexps.filter(accepts);
    expect(accepted.length).toBeGreaterThan(50);
    const origins = adversarialOrigins();
    expect(origins.length).toBeGreaterThan(100);
    const jobs = [...new Map(accepted.map((re) => [String(re), { source: re.source, flags: re.flags, origins }])).values()];
    const overrun = await runWithLimit(jobs);
    expect(overrun === -1 ? 'none' : `/${jobs[overrun]!.source}/${jobs[overrun]!.flags}`).toBe('none');
  }, 120_000);

  it('the harness catches a RegExp that backtracks: the one of the report runs over the limit on 60 bytes', async () => {
    const re = /^https:\/\/([a-z0-9]+)+\.myapp\.es$/;
    expect(accepts(re)).toBe(false);
    const origin = `https://${'a'.repeat(52)}`;
    expect(await runWithLimit([{ source: re.source, flags: re.flags, origins: [origin] }], 1000)).toBe(0);
  }, 30_000);
});

describe('RegExp origins: how matching time can grow, one row per construct', () => {
  it.each([
    { rule: 'a repeated group of a repeated class (the report)', re: /^https:\/\/([a-z0-9]+)+\.myapp\.es$/, growth: 'exponential' },
    { rule: 'a label with an optional hyphen, repeated (the report)', re: /^https:\/\/([a-z0-9]+-?)+\.myapp\.es$/, growth: 'exponential' },
    { rule: 'alternatives that overlap, repeated', re: /^https:\/\/(?:\w|\d)+\.es$/, growth: 'exponential' },
    { rule: 'a repeated group whose class holds its own separator', re: /^https:\/\/(?:[a-z.]+\.)+es$/, growth: 'exponential' },
    { rule: 'a repeated group of a class that can match nothing', re: /^https:\/\/(a*)*$/, growth: 'exponential' },
    { rule: 'case folding makes classes overlap', re: /^https:\/\/(?:[A-Z]|[a-z])+$/i, growth: 'exponential' },
    { rule: 'two repeated classes side by side', re: /^https:\/\/[a-z]+[a-z0-9]*\.myapp\.es$/, growth: 'polynomial' },
    { rule: 'two runs of any character around a dot', re: /^https:\/\/.*\..*$/, growth: 'polynomial' },
    { rule: 'labels repeated with their dot', re: /^https:\/\/(?:[a-z0-9-]+\.)*myapp\.es$/, growth: undefined },
    { rule: 'labels with inner hyphens, repeated with their dot', re: /^https:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+myapp\.es$/, growth: undefined },
    { rule: 'one run of any character', re: /^https:\/\/.*\.myapp\.es$/, growth: undefined },
    { rule: 'alternatives that start differently, repeated', re: /^https:\/\/(?:a\.|b)*myapp\.es$/, growth: undefined },
    { rule: 'an optional port', re: /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?$/, growth: undefined },
    { rule: 'a counted class', re: /^https:\/\/[a-z0-9-]{1,63}\.myapp\.es$/, growth: undefined },
    { rule: 'a lookahead without repetition', re: /^https:\/\/(?!evil\.)[a-z]+\.myapp\.es$/, growth: undefined },
    { rule: 'characters no origin holds never overlap', re: /^https:\/\/(?:a|A)+\.es$/, growth: undefined },
  ])('$rule: $growth', ({ re, growth }) => {
    expect(backtrackingGrowth(re)).toBe(growth);
  });

  it.each([
    { rule: 'a back-reference', re: /^https:\/\/(a+)\1\.es$/ },
    { rule: 'a lookahead that repeats', re: /^https:\/\/(?=[a-z]+\.es)[a-z.]+$/ },
  ])('$rule cannot be checked, and is refused', ({ re }) => {
    expect(() => backtrackingGrowth(re)).toThrow();
    expect(accepts(re)).toBe(false);
  });
});
