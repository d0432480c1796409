// Regenerates playground.png, the picture of the playground the README shows, and
// playground.json, the state of the page it pictures (each card's title, verdict and the
// statuses on the wire) with the picture's hash: test/playground.test.ts fails when the live
// page no longer shows that state, or when the picture is not the one the state describes.
// The page runs on its default ports, in headless Chromium, once every card has run.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/chromium.js';
import { pageState, PICTURE_FILE, SNAPSHOT_FILE, type Snapshot } from '../test/page-state.js';
import { startServers } from '../src/servers.js';

const DIR = join(import.meta.dirname, '..');
const WIDTH = 1440;
/** The picture ends below this card, the first of the second column: a refused method the console names. */
const LAST_CARD = 'method-refused';

const running = await startServers();
const browser = await launchChromium({ width: WIDTH, height: 900 });
try {
  const page = await browser.context.newPage();
  await page.goto(running.playground);
  await page.waitForFunction(() => document.documentElement.dataset.passes === '1', null, { timeout: 60_000 });
  const box = await page.locator(`[data-case="${LAST_CARD}"]`).boundingBox();
  if (box === null) throw new Error(`no card ${LAST_CARD}`);
  // A viewport as tall as the picture, so that the sticky editor shows whole.
  const height = Math.ceil(box.y + box.height + 24);
  await page.setViewportSize({ width: WIDTH, height });
  const cards = await pageState(page);
  await page.screenshot({ path: join(DIR, PICTURE_FILE) });
  const png = createHash('sha256').update(readFileSync(join(DIR, PICTURE_FILE))).digest('hex');
  const snapshot: Snapshot = { png, cards };
  writeFileSync(join(DIR, SNAPSHOT_FILE), `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(`wrote ${PICTURE_FILE} and ${SNAPSHOT_FILE}`);
} finally {
  await browser.close();
  await running.close();
}
