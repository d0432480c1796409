// `pnpm bench`: builds the packages under test, runs the micro, HTTP and bundle benchmarks and a
// CPU profile, checks the targets (targets.mjs) and writes BENCHMARKS.md with its charts. Bounded in
// time (about five minutes by default); a missed target is reported, not an exit failure.
//
//   node src/main.mjs [--only=micro,http,bundle,profile] [--quick] [--no-build]
//                     [--micro-rounds=5] [--micro-ms=40] [--http-rounds=3] [--http-slices=3]
//                     [--http-seconds=0.7] [--http-warmup=0.5] [--http-groups=express,node-http]
//                     [--profile-ms=1500] [--out=BENCHMARKS.md]

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundle } from './bundle.mjs';
import { environment } from './environment.mjs';
import { runHttp } from './http/run.mjs';
import { runMicro } from './micro/run.mjs';
import { httpChart, microChart, renderMarkdown } from './report/markdown.mjs';
import { evaluateTargets } from './targets.mjs';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const SECTIONS = ['micro', 'http', 'bundle', 'profile'];

function parseArgs(argv) {
  const flags = Object.fromEntries(
    argv.filter((a) => a.startsWith('--')).map((a) => {
      const [key, value] = a.slice(2).split('=');
      return [key, value ?? true];
    }),
  );
  const quick = flags.quick === true;
  const number = (key, full, fast) => (flags[key] !== undefined ? Number(flags[key]) : quick ? fast : full);
  return {
    only: typeof flags.only === 'string' ? flags.only.split(',') : SECTIONS,
    build: flags['no-build'] !== true,
    out: resolve(BENCH_DIR, typeof flags.out === 'string' ? flags.out : 'BENCHMARKS.md'),
    micro: { rounds: number('micro-rounds', 5, 1), minCpuTimeMs: number('micro-ms', 40, 15), warmupCalls: quick ? 300 : 1000 },
    http: {
      rounds: number('http-rounds', 3, 1),
      slices: number('http-slices', 2, 2),
      seconds: number('http-seconds', 0.7, 0.5),
      warmupSeconds: number('http-warmup', 0.5, 0.25),
      // Only the servers of these groups (express, node-http, fastify, node, bun): for working on one adapter.
      groups: typeof flags['http-groups'] === 'string' ? flags['http-groups'].split(',') : undefined,
    },
    profileMs: number('profile-ms', 1500, 300),
    raw: argv.join(' ') || '(defaults)',
  };
}

const START = performance.now();
const log = (message) => process.stderr.write(`[bench ${Math.round((performance.now() - START) / 1000)}s] ${message}\n`);

/** Builds @portcullis/* packages this one depends on; a failed build is reported, not fatal. */
function buildPackages() {
  log('building @portcullis packages');
  const result = spawnSync('pnpm', ['--filter', '@portcullis/bench^...', '--no-bail', 'run', 'build'], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  if (result.status === 0) return [];
  const output = `${result.stdout}\n${result.stderr}`;
  const failed = [...new Set([...output.matchAll(/(@portcullis\/[a-z-]+)[^\n]*build: Failed|ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL\s+(@portcullis\/[a-z-]+)/g)].map((m) => m[1] ?? m[2]))];
  return [`Building ${failed.length > 0 ? failed.join(', ') : 'the workspace packages'} failed; an older build (if any) was measured.`];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const notes = args.build ? buildPackages() : [];
  const env = environment();
  const results = { micro: undefined, http: undefined, bundle: undefined, profiles: undefined };

  if (args.only.includes('bundle')) {
    log('bundle sizes');
    results.bundle = await runBundle();
  }
  if (args.only.includes('micro')) results.micro = await runMicro({ ...args.micro, log });
  if (args.only.includes('http')) {
    results.http = await runHttp({ ...args.http, log });
  }
  if (args.only.includes('profile')) {
    log('profiling');
    const { profileScenarios } = await import('./profile.mjs');
    results.profiles = await profileScenarios(['no-origin', 'get', 'preflight'], { ms: args.profileMs });
  }

  for (const r of results.http?.results ?? []) {
    if (r.pending) notes.push(`${r.label}: pending (${r.pending}).`);
    if (r.error) notes.push(`${r.label}: failed (${r.error}).`);
  }
  for (const r of results.bundle?.rows ?? []) if (r.pending) notes.push(`Bundle of ${r.label}: pending (${r.pending}).`);
  notes.push(
    `Load average went from ${env.loadAverage} at the start to ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(', ')} at the end; ` +
      'on a busy machine absolute times are inflated and ratios are noisy (see the ratio spread column).',
  );

  const targets = evaluateTargets(results);
  const markdown = renderMarkdown({ env, settings: `pnpm bench ${args.raw}`.trim(), targets, notes, ...results });
  writeFileSync(args.out, markdown);
  if (results.micro) writeFileSync(join(dirname(args.out), 'bench-micro.svg'), microChart(results.micro));
  if (results.http) writeFileSync(join(dirname(args.out), 'bench-http.svg'), httpChart(results.http));

  console.log('\nTargets:');
  for (const t of targets) {
    const tail = t.status === 'pending' ? t.detail : `${t.value} (limit ${t.limit}, margin ${t.margin})`;
    console.log(`  ${t.status.toUpperCase().padEnd(7)} ${t.name}: ${tail}`);
  }
  console.log(`\nWrote ${args.out} in ${Math.round((performance.now() - started) / 1000)} s.`);
}

await main();
