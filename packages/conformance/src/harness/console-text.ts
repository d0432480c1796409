// Console lines as a scenario declares them: the engine's own text, whole, with what varies
// from run to run (ports, run ids) written as placeholders. A captured line is put in that
// form by dropping the capture's prefix and replacing the run's URL and origins, so that a
// declared line is compared with what the engine printed character for character.

import type { EngineName, PageAction, PageOrigins } from '../scenario-types.ts';

/** Where one run happened: what its console lines name. */
export interface RunPlaces {
  /** The URL the script asked for (`$url`). */
  readonly url: string;
  /** The API's origin as the browser saw it, the recording proxy's (`$api`). */
  readonly api: string;
  readonly origins: PageOrigins;
}

/** The resource an action asks for, as the page runner (src/page/runner.js) resolves it. */
const RESOURCE_OF: Partial<Record<PageAction['kind'], string>> = {
  font: 'font.woff2',
  image: 'image.png',
  form: 'write',
  'api-page': 'page',
};

/** The URL a page action asks for under a run's base URL. */
export function actionUrl(action: PageAction, base: string): string {
  const resource = 'resource' in action && action.resource !== undefined ? action.resource : (RESOURCE_OF[action.kind] ?? 'echo');
  return new URL(resource, base).href;
}

/**
 * The prefix each capture puts before the engine's text: Chromium's and Firefox's drivers
 * give the message type (`[error] `), WebKit's stdout its source and level
 * (`CONSOLE SECURITY ERROR `, `CONSOLE JS ERROR `).
 */
function withoutPrefix(engine: EngineName, line: string): string {
  if (engine === 'webkit') {
    const match = /^CONSOLE [A-Z]+ [A-Z]+ /.exec(line);
    return match ? line.slice(match[0].length) : line;
  }
  const match = /^\[[a-z]+\] /.exec(line);
  return match ? line.slice(match[0].length) : line;
}

/** A captured console line in the declared form. */
export function normaliseLine(engine: EngineName, line: string, places: RunPlaces): string {
  return withoutPrefix(engine, line)
    .replaceAll(places.url, '$url')
    .replaceAll(places.api, '$api')
    .replaceAll(places.origins.page, '$page')
    .replaceAll(places.origins.other, '$other');
}

/** A declared line with the run's URL and origins put back (for messages). */
export function expandLine(declared: string, places: RunPlaces): string {
  return declared
    .replaceAll('$url', places.url)
    .replaceAll('$api', places.api)
    .replaceAll('$page', places.origins.page)
    .replaceAll('$other', places.origins.other);
}
