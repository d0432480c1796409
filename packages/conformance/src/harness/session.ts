// Everything a run shares across targets: the two page origins and one browser per engine,
// launched side by side. An engine that is not installed or does not start is kept with its
// reason, so that each of its tests fails saying why: no engine is ever skipped silently.

import { createRequire } from 'node:module';
import type { EngineName, PageOrigins } from '../scenario-types.ts';
import type { EngineBrowser, EngineLauncher } from './engines/engine.ts';
import { startPageServer, type PageServer } from './page-server.ts';

/** A real WOFF2 web font, served by every target for the @font-face scenarios. */
export const FONT_PATH = createRequire(import.meta.url).resolve(
  '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2',
);

export interface EngineSlot {
  readonly engine: EngineName;
  readonly browser?: EngineBrowser;
  /** Why there is no browser: not installed, or did not start. */
  readonly failure?: string;
  readonly launchMs: number;
}

export interface Session {
  readonly origins: PageOrigins;
  readonly engines: ReadonlyMap<EngineName, EngineSlot>;
  /** The engine's browser, or an error saying why there is none. */
  browser(engine: EngineName): EngineBrowser;
  close(): Promise<void>;
}

async function launchSlot(launcher: EngineLauncher, origins: PageOrigins, pages: readonly [PageServer, PageServer]): Promise<EngineSlot> {
  const started = performance.now();
  const missing = launcher.missing();
  if (missing) return { engine: launcher.engine, failure: missing, launchMs: 0 };
  try {
    const browser = await launcher.launch({ origins, pages });
    return { engine: launcher.engine, browser, launchMs: performance.now() - started };
  } catch (error) {
    return {
      engine: launcher.engine,
      failure: `${launcher.engine} did not start: ${error instanceof Error ? error.message : String(error)}`,
      launchMs: performance.now() - started,
    };
  }
}

export async function startSession(launchers: readonly EngineLauncher[]): Promise<Session> {
  const servers: PageServer[] = [];
  try {
    servers.push(await startPageServer());
    servers.push(await startPageServer());
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  const pages = servers as unknown as readonly [PageServer, PageServer];
  const origins = { page: pages[0].origin, other: pages[1].origin };
  const slots = await Promise.all(launchers.map((launcher) => launchSlot(launcher, origins, pages)));
  const engines = new Map(slots.map((slot) => [slot.engine, slot]));
  return {
    origins,
    engines,
    browser(engine) {
      const slot = engines.get(engine);
      if (!slot) throw new Error(`${engine} is not part of this run (CONFORMANCE_ENGINES)`);
      if (!slot.browser) throw new Error(slot.failure);
      return slot.browser;
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.browser?.close().catch(() => undefined)));
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
