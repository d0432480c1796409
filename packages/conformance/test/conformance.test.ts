// The real-browser conformance matrix: Chromium, Firefox and WebKit, each on
// http://localhost:<A>, make cross-origin requests to every target on http://127.0.0.1:<port>,
// one scenario at a time per engine, and each scenario's expectation must hold on every target
// in every engine. A blocked scenario passes only if its readable control passes too, on the
// same target, in the same engine, in the same run. The three engines run each scenario side by
// side (CONFORMANCE_SERIAL=1: one after the other). For every fetch and XHR, `portcullis check`
// (@portcullis/cli) then makes the same request to the same target, and its verdict must be
// what Chromium and Firefox did (src/harness/cli-agreement.ts).

import { randomBytes } from 'node:crypto';
import { renderCheck } from '@portcullis/cli';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkScenario } from '../src/harness/check-scenario.ts';
import { browserOutcome, CLI_ENGINES, cliOutcome, corsRequestOf, describeOutcome, disagreement, runCli } from '../src/harness/cli-agreement.ts';
import { ENGINE_NAMES, selectedEngines } from '../src/harness/engines/index.ts';
import { Matrix, type EngineSummary } from '../src/harness/matrix.ts';
import { writeMatrixFiles } from '../src/harness/matrix-files.ts';
import { startRecordingProxy, type RecordingProxy } from '../src/harness/recording-proxy.ts';
import { FONT_PATH, startSession, type Session } from '../src/harness/session.ts';
import type { EngineName } from '../src/scenario-types.ts';
import { scenarios } from '../src/scenarios.ts';
import { allTargets, targets } from '../src/targets/index.ts';
import type { RunningTarget } from '../src/targets/target.ts';
import type { ScenarioRun } from '../src/harness/run-scenario.ts';

/** CONFORMANCE_VERBOSE=1 prints every run's evidence, passing or not. */
const VERBOSE = process.env.CONFORMANCE_VERBOSE === '1';
const SERIAL = process.env.CONFORMANCE_SERIAL === '1';
const engines = selectedEngines();
const engineNames = engines.map((e) => e.engine);
const perEngine = SERIAL ? it : it.concurrent;

const matrix = new Matrix(
  scenarios.map((s) => s.name),
  targets.map((t) => t.name),
  engineNames,
);
const busy = new Map<EngineName, { ms: number; runs: number }>(engineNames.map((e) => [e, { ms: 0, runs: 0 }]));
let session: Session | undefined;
let started = 0;
/** How often `portcullis check` agreed with each engine it models, over the cells it was compared in. */
const cliTally = new Map<EngineName, { agreed: number; compared: number; disagreements: string[] }>();

/** A promise settled once, by whoever knows first. */
function deferred<T>(): { promise: Promise<T>; settle(value: T): void } {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

beforeAll(async () => {
  started = performance.now();
  session = await startSession(engines);
});

function summaries(): EngineSummary[] {
  return engineNames.map((engine) => {
    const slot = session?.engines.get(engine);
    const time = busy.get(engine)!;
    return {
      engine,
      version: slot?.browser?.version ?? `did not run: ${slot?.failure ?? 'no session'}`,
      ...(slot?.browser ? { driver: slot.browser.driver } : {}),
      ...(slot ? { launchMs: slot.launchMs } : {}),
      busyMs: time.ms,
      runs: time.runs,
    };
  });
}

afterAll(async () => {
  const wallMs = performance.now() - started;
  const engineSummaries = summaries();
  const differences = scenarios.flatMap((s) =>
    Object.entries(s.engines ?? {}).map(([engine, d]) => `${s.name} in ${engine}: ${JSON.stringify(d.expect)}; ${d.why}`),
  );
  const cliLines = [...cliTally].map(
    ([engine, t]) => `portcullis check agreed with ${engine} in ${t.agreed} of ${t.compared} fetch and XHR cells${t.disagreements.length > 0 ? ` (disagreed: ${t.disagreements.join(', ')})` : ''}`,
  );
  console.log(
    `\n${matrix.render(engineSummaries)}\n${cliLines.join('\n')}\n` +
      `conformance time: ${(wallMs / 1000).toFixed(1)} s in all, ${engineSummaries
        .map((e) => `${e.engine} ${((e.busyMs ?? 0) / 1000).toFixed(1)} s`)
        .join(', ')} in scenarios (${SERIAL ? 'one engine after the other' : 'engines side by side'})\n\n` +
      `${targets.map((t) => `  ${t.name}: ${t.description}`).join('\n')}\n`,
  );
  try {
    // Only a run of every cell (all engines, all targets; pass or FAIL) is published.
    if (matrix.complete(ENGINE_NAMES, allTargets.map((t) => t.name))) {
      writeMatrixFiles(matrix, engineSummaries, { date: new Date().toISOString().slice(0, 10), wallMs, serial: SERIAL, differences, notes: cliLines });
    }
  } finally {
    await session?.close();
  }
});

describe('engines', () => {
  for (const engine of engineNames) {
    it(`${engine} starts`, () => {
      // Throws the reason (not installed, with what to install; or the start-up error).
      session!.browser(engine);
    });
  }
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
      describe(scenario.name, () => {
        const runs = new Map(engineNames.map((engine) => [engine, deferred<ScenarioRun | undefined>()]));
        for (const engine of engineNames) {
          perEngine(engine, async () => {
            try {
              if (!session || !proxy || !running) throw new Error(`${target.name} or the browsers did not start`);
              const verdict = await checkScenario(session, engine, proxy, target.name, scenario, VERBOSE);
              runs.get(engine)!.settle(verdict.run);
              const time = busy.get(engine)!;
              time.ms += verdict.durationMs;
              time.runs += scenario.control ? 2 : 1;
              matrix.record(engine, target.name, scenario.name, verdict.passed);
              if (VERBOSE && verdict.passed) console.log(verdict.report);
              if (!verdict.passed) {
                throw new Error(`${verdict.report}\n  target output: ${running.output().slice(-2000)}`);
              }
            } finally {
              runs.get(engine)!.settle(undefined); // no run to compare with (a settled promise stays as it was)
            }
          });
        }
        const compared = CLI_ENGINES.filter((engine) => engineNames.includes(engine));
        if (corsRequestOf(scenario) && compared.length > 0) {
          perEngine(`portcullis check agrees with ${compared.join(' and ')}`, async () => {
            const problems: string[] = [];
            for (const engine of compared) {
              const run = await runs.get(engine)!.promise;
              if (!run || !session || !proxy) {
                problems.push(`${engine}: no ${engine} run to compare with`);
                continue;
              }
              const result = await runCli(scenario, proxy.scenarioUrl(scenario.name, randomBytes(6).toString('hex')), session.origins, engine);
              const cli = cliOutcome(result);
              const browser = browserOutcome(engine, run.outcome.readable, run.exchanges, run.reports);
              const problem = disagreement(cli, browser);
              if (VERBOSE) console.log(`[portcullis check --browser ${engine}, ${target.name}] ${scenario.name}: the CLI ${describeOutcome(cli)}, ${engine} ${describeOutcome(browser)}`);
              const tally = cliTally.get(engine) ?? { agreed: 0, compared: 0, disagreements: [] };
              cliTally.set(engine, tally);
              tally.compared++;
              if (problem) {
                tally.disagreements.push(`${target.name}/${scenario.name}`);
                problems.push(`${engine}: ${problem}\n${renderCheck(result, { color: false })}`);
              } else {
                tally.agreed++;
              }
            }
            if (problems.length > 0) throw new Error(`[${target.name}] ${scenario.name}: portcullis check disagrees\n${problems.join('\n')}`);
          });
        }
      });
    }
  });
}
