// The harness judged: each deliberately broken server must fail the scenarios its bug breaks
// (and still pass some others), in every engine. If this file passes while a mutant slips
// through, the matrix would be green for a broken adapter too.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario } from '../src/harness/check-scenario.ts';
import { refusalsReported } from '../src/harness/engine-reasons.ts';
import { expectationFor } from '../src/harness/evidence.ts';
import { selectedEngines } from '../src/harness/engines/index.ts';
import { startRecordingProxy, type RecordingProxy } from '../src/harness/recording-proxy.ts';
import { wireRefusal } from '../src/harness/wire-reason.ts';
import { FONT_PATH, startSession, type Session } from '../src/harness/session.ts';
import { scenarioByName } from '../src/scenarios.ts';
import { mutants, startMutant } from '../src/targets/mutants.ts';
import type { RunningTarget } from '../src/targets/target.ts';

const engines = selectedEngines().map((e) => e.engine);
const perEngine = process.env.CONFORMANCE_SERIAL === '1' ? it : it.concurrent;
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession(selectedEngines());
});

afterAll(async () => {
  await session?.close();
});

describe('the harness fails broken servers', () => {
  for (const mutant of mutants) {
    describe(`${mutant.name}: ${mutant.bug}`, () => {
      let running: RunningTarget | undefined;
      let proxy: RecordingProxy | undefined;
      beforeAll(async () => {
        running = await startMutant(mutant, { origins: session!.origins, fontPath: FONT_PATH });
        proxy = await startRecordingProxy({ host: '127.0.0.1', port: running.port });
      });
      afterAll(async () => {
        await proxy?.close();
        await running?.stop();
      });

      for (const engine of engines) {
        perEngine(engine, async () => {
          const target = `mutant:${mutant.name}`;
          const listed = mutant.mustFail;
          // Where the engine fetches without CORS (stated in the scenario, with a link), no
          // CORS header can make the scenario fail: said here, never dropped silently.
          const withoutCors = listed.filter((name) => expectationFor(scenarioByName.get(name)!, engine).noCors);
          if (withoutCors.length > 0) console.log(`[${engine} ${target}] fetched without CORS in ${engine}, not expected to fail: ${withoutCors.join(', ')}`);
          const names = listed.filter((name) => !withoutCors.includes(name));
          const wronglyPassed: string[] = [];
          const misworded: string[] = [];
          for (const name of names) {
            const scenario = scenarioByName.get(name)!;
            const verdict = await checkScenario(session!, engine, proxy!, target, scenario);
            if (verdict.passed) wronglyPassed.push(name);
            if (mutant.reportsOtherReason) {
              // The engine's words must match the reason the server's answer really calls for.
              const { run } = verdict;
              const wire = wireRefusal(scenario.action, run.consoleRun?.exchanges ?? run.exchanges);
              const reported = run.reports ? refusalsReported(engine, run.reports.corsErrors, run.reports.console) : [];
              if (!wire || !reported.includes(wire)) {
                misworded.push(`${name}: the server's answer calls for ${wire ?? 'nothing'}, ${engine}'s report reads as ${reported.join(', ') || 'none'}: ${run.reports?.console.join(' | ')}`);
              }
            }
          }
          expect(misworded, `${engine}'s reports of the refusals a ${mutant.bug} server causes`).toEqual([]);
          const wronglyFailed: string[] = [];
          for (const name of mutant.mustPass) {
            const verdict = await checkScenario(session!, engine, proxy!, target, scenarioByName.get(name)!);
            if (!verdict.passed) wronglyFailed.push(`${name}\n${verdict.report}`);
          }
          expect(wronglyPassed, `scenarios a ${mutant.bug} server passed in ${engine}`).toEqual([]);
          expect(wronglyFailed, `scenarios a ${mutant.bug} server should still pass in ${engine}`).toEqual([]);
        });
      }
    });
  }
});
