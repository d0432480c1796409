// Everything a run shares across targets: the two page origins and one browser.

import { createRequire } from 'node:module';
import type { PageOrigins } from '../scenario-types.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { startPageServer, type PageServer } from './page-server.ts';

/** A real WOFF2 web font, served by every target for the @font-face scenarios. */
export const FONT_PATH = createRequire(import.meta.url).resolve(
  '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2',
);

export interface Session {
  readonly origins: PageOrigins;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const servers: PageServer[] = [];
  const closeServers = () => Promise.all(servers.map((server) => server.close()));
  try {
    servers.push(await startPageServer());
    servers.push(await startPageServer());
    const [page, other] = servers as [PageServer, PageServer];
    const browser = await launchBrowser(page.origin, other.origin);
    return {
      origins: { page: page.origin, other: other.origin },
      browser,
      async close() {
        await browser.close();
        await closeServers();
      },
    };
  } catch (error) {
    await closeServers();
    throw error;
  }
}
