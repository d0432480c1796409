// The harness judged: each deliberately broken server must fail the scenarios its bug breaks
// (and still pass some others). If this file passes while a mutant slips through, the matrix
// would be green for a broken adapter too.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario } from '../src/harness/check-scenario.ts';
import { startRecordingProxy } from '../src/harness/recording-proxy.ts';
import { FONT_PATH, startSession, type Session } from '../src/harness/session.ts';
import { scenarioByName, scenarios } from '../src/scenarios.ts';
import { mutants, startMutant } from '../src/targets/mutants.ts';

let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session?.close();
});

describe('the harness fails broken servers', () => {
  for (const mutant of mutants) {
    it(`${mutant.name}: ${mutant.bug}`, async () => {
      const running = await startMutant(mutant, { origins: session!.origins, fontPath: FONT_PATH });
      const proxy = await startRecordingProxy({ host: '127.0.0.1', port: running.port });
      try {
        const names = mutant.mustFail === 'all' ? scenarios.map((s) => s.name) : mutant.mustFail;
        const wronglyPassed: string[] = [];
        for (const name of names) {
          const verdict = await checkScenario(session!, proxy, `mutant:${mutant.name}`, scenarioByName.get(name)!);
          if (verdict.passed) wronglyPassed.push(name);
        }
        const wronglyFailed: string[] = [];
        for (const name of mutant.mustPass) {
          const verdict = await checkScenario(session!, proxy, `mutant:${mutant.name}`, scenarioByName.get(name)!);
          if (!verdict.passed) wronglyFailed.push(`${name}\n${verdict.report}`);
        }
        expect(wronglyPassed, `scenarios a ${mutant.bug} server passed`).toEqual([]);
        expect(wronglyFailed, `scenarios a ${mutant.bug} server should still pass`).toEqual([]);
      } finally {
        await proxy.close();
        await running.stop();
      }
    });
  }
});
