// What an attacker's page can do, in the browser's terms: the fetch() it runs, and what the
// browser then lets its script have.

import { describeCall } from '../render.js';
import { allows, type Judged } from './judged.js';
import type { ProbeSpec } from './run-probe.js';

/** The page's call, as its script writes it. */
export function callOf(spec: ProbeSpec, url: string, credentials: boolean): string {
  return describeCall({
    call: { origin: spec.pageOrigin, url, method: spec.method, headers: spec.headers, credentials: credentials ? 'include' : 'same-origin' },
  });
}

/** Where the attacker's page lives, in words. */
export function pageOf(origin: string): string {
  return origin === 'null' ? 'a sandboxed iframe or a data: page, on any site (Origin: null),' : `a page on ${origin}`;
}

/** What a page on the probe's origin can do with the server's answers. */
export function attackerCan(judged: Judged, url: string): string {
  const { spec, observed } = judged;
  const credentials = allows(observed.withCredentials);
  const access = credentials ? observed.withCredentials : observed.withoutCredentials;
  const call = callOf(spec, url, credentials);
  const readable = observed.verdict?.readable?.readable ?? [];
  const headers = readable.length === 0 ? '' : ` and the headers ${readable.join(', ')}`;
  if (access === 'preflight') {
    return `${pageOf(spec.origin ?? 'null')} can run ${call}: the browser's preflight passes, so it sends the ${spec.method}` +
      `${credentials ? " with the user's cookies" : ''}, and the page reads the answer if it carries the same headers`;
  }
  return `${pageOf(spec.origin ?? 'null')} can run ${call} and read the response${credentials ? " with the user's cookies" : ' (without cookies)'}: its body${headers}`;
}
