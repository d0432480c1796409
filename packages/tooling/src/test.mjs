// `npm test`: install everything the tests need, build, type-check, then run every suite and
// end with one line, `tests: N passed, N failed`.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowsers } from './browsers.mjs';
import { ensureWebServers } from './web-servers.mjs';
import { ROOT, build, install, log, pn, pnpm, run } from './process.mjs';

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

/** Names of the failed tests in a Vitest JSON report, as `file > test`. */
function failedVitestTests(json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    const path = String(file.name ?? '').replace(`${ROOT}/`, '');
    for (const assertion of file.assertionResults ?? []) {
      if (assertion.status === 'failed') names.push(`${path} > ${assertion.fullName}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      names.push(`${path}: ${String(file.message ?? 'the file failed to run').split('\n')[0]}`);
    }
  }
  return names;
}

export async function test() {
  await ensureBrowsers();
  await ensureWebServers();
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
  const failures = [];
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    failures.push(...failedVitestTests(json));
  }
  if (vitest.code !== 0 && failures.length === 0) failures.push(`vitest exited ${vitest.code}`);
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
  if (runtime.code !== 0) failures.push(`deno test or bun test exited ${runtime.code} (see above)`);

  const ok = vitest.code === 0 && runtime.code === 0 && failed === 0;
  if (!ok && failed === 0) failed = 1; // a suite failed without reporting a test failure
  // Printed last because CI logs are often read from the end.
  for (const failure of failures) console.log(`failed: ${failure}`);
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}
