// The verdict on one scenario for one target: the scenario itself, and for a blocked scenario
// its readable control on the same target, so that a server refusing everything cannot pass.

import type { Scenario } from '../scenario-types.ts';
import { scenarioByName } from '../scenarios.ts';
import type { RecordingProxy } from './recording-proxy.ts';
import { describeRun, runScenario } from './run-scenario.ts';
import type { Session } from './session.ts';

export interface Verdict {
  readonly passed: boolean;
  /** Failure stories (empty when passed); with `verbose`, the passing runs' stories too. */
  readonly report: string;
}

export async function checkScenario(
  session: Session,
  proxy: RecordingProxy,
  target: string,
  scenario: Scenario,
  verbose = false,
): Promise<Verdict> {
  const stories: string[] = [];
  let passed = true;
  const result = await runScenario(session.browser, proxy, target, scenario, session.origins);
  if (result.problems.length > 0) {
    passed = false;
    stories.push(describeRun(result));
  } else if (verbose) {
    stories.push(describeRun(result, 'passed'));
  }
  if (scenario.control) {
    const control = scenarioByName.get(scenario.control);
    if (!control) throw new Error(`${scenario.name}: unknown control ${scenario.control}`);
    const controlRun = await runScenario(session.browser, proxy, target, control, session.origins);
    if (controlRun.problems.length > 0) {
      passed = false;
      stories.push(describeRun(controlRun, `(control of ${scenario.name}) failed, so the block proves nothing`));
    }
  }
  return { passed, report: stories.join('\n') };
}
