#!/usr/bin/env node
// The two commands of the README, for a fresh machine with only Node 20 and npm:
//   npm start  -> install everything, build, run the main job (the example API and front end)
//   npm test   -> install everything (Chromium included), build, run every test suite
// Only Node built-ins here: this runs before anything is installed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = '10.34.9';
const CHROMIUM = '/usr/bin/chromium';
const isCI = process.env.CI === 'true' || process.env.CI === '1';

function log(message) {
  console.log(`\n[portcullis] ${message}`);
}

/** pnpm itself: the one on PATH when it is 10.x, otherwise a pinned copy through npx. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        process.stderr.write(chunk);
        output += chunk;
      });
    }
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    console.error(`\n[portcullis] failed (exit ${result.code}): ${command} ${args.join(' ')}`);
    process.exit(result.code);
  }
  return result;
}

const pnpm = pnpmCommand();
const pn = (args, options) => must(pnpm[0], [...pnpm.slice(1), ...args], options);

async function install() {
  log(`installing dependencies with pnpm ${PNPM_VERSION}`);
  await pn(['install', ...(isCI ? ['--frozen-lockfile'] : [])]);
}

/** The browser tests use Debian's Chromium; install it when missing and we may. */
async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    console.error(
      `[portcullis] the browser tests need Chromium at ${CHROMIUM}; install it with\n` +
        '  sudo apt-get install -y chromium\nand run the command again.',
    );
    process.exit(1);
  }
  log('installing Chromium from Debian (apt-get install chromium)');
  await must('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  await must('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

async function build() {
  log('building the packages');
  await pn(['-r', '--filter', './packages/**', 'run', 'build']);
}

/** Counts from runners that print their own summary (deno test, bun test). */
function runtimeCounts(raw) {
  // eslint-disable-next-line no-control-regex
  const output = raw.replace(/\x1b\[[0-9;]*m/g, '');
  let passed = 0;
  let failed = 0;
  for (const m of output.matchAll(/(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  for (const m of output.matchAll(/^\s*(\d+) pass$/gm)) passed += Number(m[1]);
  for (const m of output.matchAll(/^\s*(\d+) fail$/gm)) failed += Number(m[1]);
  return { passed, failed };
}

async function test() {
  await ensureChromium();
  await install();
  await build();

  // Vitest strips types without checking them, so every package and example (tests included)
  // is type-checked here, against the packages just built.
  log('type-checking every workspace package (tsc --noEmit)');
  await pn(['-r', 'run', 'typecheck']);

  log('running the Vitest projects (vitest.workspace.ts)');
  const reportDir = mkdtempSync(join(tmpdir(), 'portcullis-vitest-'));
  const report = join(reportDir, 'report.json');
  const vitest = await run(pnpm[0], [
    ...pnpm.slice(1),
    'exec',
    'vitest',
    'run',
    '--config',
    'vitest.workspace.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  }
  rmSync(reportDir, { recursive: true, force: true });

  log('running the suites that need their own runtime (deno test, bun test)');
  const runtime = await run(
    pnpm[0],
    [...pnpm.slice(1), '-r', '--workspace-concurrency=1', '--if-present', 'run', 'test:runtime'],
    { capture: true },
  );
  const counts = runtimeCounts(runtime.output);
  passed += counts.passed;
  failed += counts.failed;

  const ok = vitest.code === 0 && runtime.code === 0 && failed === 0;
  if (!ok && failed === 0) failed = 1; // a suite failed without reporting a test failure
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

async function start() {
  await install();
  await build();
  log('starting the example API and front end (examples/node)');
  await pn(['--filter', 'example-node', 'run', 'start']);
}

const command = process.argv[2];
if (command === 'test') await test();
else if (command === 'start') await start();
else {
  console.error('usage: node packages/tooling/run.mjs <start|test>');
  process.exit(2);
}
