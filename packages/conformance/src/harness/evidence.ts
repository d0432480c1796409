// What one scenario run produced (the page's observations, the exchanges the server had, the
// engine's reports), and the expectation it is judged by in that engine.

import type { EngineName, Expectation, Scenario } from '../scenario-types.ts';
import type { RunPlaces } from './console-text.ts';
import type { EngineReports } from './engines/engine.ts';
import type { Exchange } from './recording-proxy.ts';

/** What the runner script reported from inside the page. */
export interface PageOutcome {
  readonly readable: boolean;
  readonly error?: string;
  readonly status?: number;
  readonly body?: string;
  readonly echo?: Record<string, unknown>;
  readonly headers?: Record<string, string | null>;
  readonly redirected?: boolean;
  readonly streamedIncrementally?: boolean;
  readonly canvas?: 'untainted' | 'tainted' | 'load-error';
  readonly pixel?: number[];
  /** A no-cors fetch: the response type the script got (`opaque`). */
  readonly type?: string;
  /** A form post: whether the answer loaded in the form's frame. */
  readonly submitted?: boolean;
}

export interface Evidence {
  readonly engine: EngineName;
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  /** The engine's reports for the run, or undefined when it gives none for this run. */
  readonly reports: EngineReports | undefined;
  /** Where the run whose reports these are happened (WebKit's console run has its own URL). */
  readonly reportPlaces: RunPlaces;
  /** How often the application's `write` handler ran for the run, when the scenario asks. */
  readonly handlerRuns?: number;
}

/** The scenario's expectation in one engine: its own, with the engine's stated differences. */
export function expectationFor(scenario: Scenario, engine: EngineName): Expectation {
  const difference = scenario.engines?.[engine];
  return difference ? { ...scenario.expect, ...difference.expect } : scenario.expect;
}
