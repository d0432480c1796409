// The verdict on one scenario for one target in one engine: the scenario itself, and for a
// blocked scenario its readable control on the same target in the same engine, so that a server
// refusing everything cannot pass.

import type { EngineName, Scenario } from '../scenario-types.ts';
import { scenarioByName } from '../scenarios.ts';
import type { RecordingProxy } from './recording-proxy.ts';
import { describeRun, runScenario, type ScenarioRun } from './run-scenario.ts';
import type { Session } from './session.ts';

export interface Verdict {
  readonly passed: boolean;
  /** Failure stories (empty when passed); with `verbose`, the passing runs' stories too. */
  readonly report: string;
  /** The scenario's run (the control's is not kept). */
  readonly run: ScenarioRun;
  /** Both runs, control included. */
  readonly durationMs: number;
}

export async function checkScenario(
  session: Session,
  engine: EngineName,
  proxy: RecordingProxy,
  target: string,
  scenario: Scenario,
  verbose = false,
): Promise<Verdict> {
  const browser = session.browser(engine);
  const stories: string[] = [];
  let passed = true;
  const result = await runScenario(browser, proxy, target, scenario, session.origins);
  let durationMs = result.durationMs;
  if (result.problems.length > 0) {
    passed = false;
    stories.push(describeRun(result));
  } else if (verbose) {
    stories.push(describeRun(result, 'passed'));
  }
  if (scenario.control) {
    const control = scenarioByName.get(scenario.control);
    if (!control) throw new Error(`${scenario.name}: unknown control ${scenario.control}`);
    const controlRun = await runScenario(browser, proxy, target, control, session.origins);
    durationMs += controlRun.durationMs;
    if (controlRun.problems.length > 0) {
      passed = false;
      stories.push(describeRun(controlRun, `(control of ${scenario.name}) failed, so the block proves nothing`));
    }
  }
  return { passed, report: stories.join('\n'), run: result, durationMs };
}
