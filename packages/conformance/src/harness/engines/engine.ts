// What the harness needs from a browser engine, whatever drives it: run a page action from an
// initiator (the allowed page, the second page, the sandboxed iframe) and tell what the engine
// itself reported about each run (filed under the run id in the URL).

import type { EngineName, Initiator, PageAction, PageOrigins } from '../../scenario-types.ts';
import type { PageOutcome } from '../evidence.ts';
import type { PageServer } from '../page-server.ts';

/** The cookie every credentialed scenario expects the server to receive. */
export const SESSION_COOKIE = { name: 'session', value: 'conformance' } as const;

export interface Job {
  readonly from: Initiator;
  readonly action: PageAction;
  /** `http://127.0.0.1:<port>/<area>/<scenario>/r/<run>/` */
  readonly base: string;
  readonly run: string;
}

export interface EngineReports {
  /** Chromium's DevTools `Network.CorsError` names (empty elsewhere). */
  readonly corsErrors: readonly string[];
  /** Console lines about the run, as the engine printed them. */
  readonly console: readonly string[];
}

export interface EngineBrowser {
  readonly engine: EngineName;
  /** Product and version, e.g. `Chromium 156.0.8078.114`. */
  readonly version: string;
  /** How the engine is driven and where its reports come from, for the legend. */
  readonly driver: string;
  run(job: Job): Promise<PageOutcome>;
  reports(run: string): EngineReports;
  /**
   * For an engine whose console the driver cannot see (WebKit): run the same action again in
   * a driver-less browser that prints its console, filing the lines under `job.run`.
   */
  readonly consoleRun?: (job: Job) => Promise<PageOutcome>;
  close(): Promise<void>;
}

export interface LaunchContext {
  readonly origins: PageOrigins;
  /** The allowed page's server and the second page's, in that order. */
  readonly pages: readonly [PageServer, PageServer];
}

export interface EngineLauncher {
  readonly engine: EngineName;
  /** Why the engine cannot run here (browser not installed), with what to install, or undefined. */
  missing(): string | undefined;
  launch(pages: LaunchContext): Promise<EngineBrowser>;
}

/** Files reports under the run id found in a URL or console text. */
export class RunLog<T> {
  readonly #byRun = new Map<string, T[]>();

  static runOf(text: string): string | undefined {
    return /\/r\/([A-Za-z0-9-]+)\//.exec(text)?.[1];
  }

  push(run: string, value: T): void {
    const list = this.#byRun.get(run);
    if (list) list.push(value);
    else this.#byRun.set(run, [value]);
  }

  get(run: string): readonly T[] {
    return this.#byRun.get(run) ?? [];
  }
}

/**
 * Evaluated in the page: calls the page runner (`window.conformance.run`) with a job's action
 * and base URL. Self-contained, since drivers send its source text.
 */
export const RUNNER_CALL = ([action, base]: readonly [unknown, string]): Promise<unknown> =>
  (window as unknown as { conformance: { run(a: unknown, b: string): Promise<unknown> } }).conformance.run(action, base);
