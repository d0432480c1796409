// What the harness needs from a target: start it once with the page origins, learn its port,
// read its output when something fails, stop it.

import type { ScenarioArea } from '../app.ts';
import type { PageOrigins } from '../scenario-types.ts';

export interface TargetContext {
  readonly origins: PageOrigins;
  /** The WOFF2 file the font scenarios serve. */
  readonly fontPath: string;
}

export interface RunningTarget {
  readonly port: number;
  /** What the server printed (child processes), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface Target {
  readonly name: string;
  /** Adapter, runtime and server, as printed in the matrix legend. */
  readonly description: string;
  /** Where the target serves the scenarios: `s` (the default), or `p` behind the Next proxy. */
  readonly area?: ScenarioArea;
  /** Why the target cannot run yet (its package is missing or unbuilt), or undefined. */
  unavailable(): string | undefined;
  start(context: TargetContext): Promise<RunningTarget>;
}
