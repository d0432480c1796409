// The real-browser conformance matrix (issue 7): headless Chromium on http://localhost:<A> makes
// cross-origin requests to every target on http://127.0.0.1:<port>, one scenario at a time, and
// each scenario's expectation must hold on every target. A blocked scenario passes only if its
// readable control passes too, on the same target, in the same run.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkScenario } from '../src/harness/check-scenario.ts';
import { Matrix } from '../src/harness/matrix.ts';
import { startRecordingProxy, type RecordingProxy } from '../src/harness/recording-proxy.ts';
import { FONT_PATH, startSession, type Session } from '../src/harness/session.ts';
import { scenarios } from '../src/scenarios.ts';
import { targets } from '../src/targets/index.ts';
import type { RunningTarget } from '../src/targets/target.ts';

/** CONFORMANCE_VERBOSE=1 prints every run's evidence, passing or not. */
const VERBOSE = process.env.CONFORMANCE_VERBOSE === '1';

const matrix = new Matrix(
  scenarios.map((s) => s.name),
  targets.map((t) => t.name),
);
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  console.log(`\n${matrix.render()}\n\n${targets.map((t) => `  ${t.name}: ${t.description}`).join('\n')}\n`);
  await session?.close();
});

for (const target of targets) {
  const reason = target.unavailable();
  describe(target.name, () => {
    if (reason) {
      // Every adapter exists and the root test command builds it first: a target that cannot
      // run is a failure, never a silent skip.
      matrix.pending(target.name, reason);
      it('is available', () => {
        throw new Error(`${target.name} cannot run: ${reason}`);
      });
      return;
    }
    let running: RunningTarget | undefined;
    let proxy: RecordingProxy | undefined;

    beforeAll(async () => {
      try {
        running = await target.start({ origins: session!.origins, fontPath: FONT_PATH });
        proxy = await startRecordingProxy({ host: '127.0.0.1', port: running.port, area: target.area });
      } catch (error) {
        matrix.broken(target.name, String(error).split('\n')[0]!);
        throw error;
      }
    });

    afterAll(async () => {
      await proxy?.close();
      await running?.stop();
    });

    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        if (!session || !proxy || !running) throw new Error(`${target.name} or the browser did not start`);
        const verdict = await checkScenario(session, proxy, target.name, scenario, VERBOSE);
        matrix.record(target.name, scenario.name, verdict.passed);
        if (VERBOSE && verdict.passed) console.log(verdict.report);
        if (!verdict.passed) {
          throw new Error(`${verdict.report}\n  target output: ${running.output().slice(-2000)}`);
        }
      });
    }
  });
}
