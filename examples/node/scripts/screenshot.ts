// Regenerates playground.png, the picture of the playground the README shows: the page on
// its default ports, in headless Chromium, once every card has run.
import { join } from 'node:path';
import { launchChromium } from '../test/chromium.js';
import { startServers } from '../src/servers.js';

const OUTPUT = join(import.meta.dirname, '../playground.png');
/** The picture ends below this card: the header, the editor and two rows of cards. */
const LAST_CARD = 'custom-header-refused';

const running = await startServers();
const browser = await launchChromium({ width: 1440, height: 900 });
try {
  const page = await browser.context.newPage();
  await page.goto(running.playground);
  await page.waitForFunction(() => document.documentElement.dataset.passes === '1', null, { timeout: 60_000 });
  const box = await page.locator(`[data-case="${LAST_CARD}"]`).boundingBox();
  if (box === null) throw new Error(`no card ${LAST_CARD}`);
  // A viewport as tall as the picture, so that the sticky editor shows whole.
  const height = Math.ceil(box.y + box.height + 24);
  await page.setViewportSize({ width: 1440, height });
  await page.screenshot({ path: OUTPUT });
  console.log(`wrote ${OUTPUT}`);
} finally {
  await browser.close();
  await running.close();
}
