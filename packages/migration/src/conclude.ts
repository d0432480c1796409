// What a browser concludes from one fetch() against a server: whether the page may read the
// answer, which of the application's headers its script can read, which requests reached the
// application, and how long the browser caches the preflight. Header strings are never
// compared: two libraries may word their answers differently and still be equivalent.

import { judgePreflight, planRequest, simulateFetch, type FetchCall } from '@portcullis/browser-model';
import { APP_HEADER_NAMES, type Kind } from './app.js';
import type { Send, Server } from './servers.js';

export interface Conclusion {
  /** Whether the page's script gets the response (false: fetch() rejects with a CORS error). */
  readonly allowed: boolean;
  /** The application's headers the script can read, sorted; empty when blocked. */
  readonly readable: readonly string[];
  /** The requests of this fetch() that reached the application, in order. */
  readonly reached: readonly Kind[];
  /** Seconds the browser caches the preflight; null without a passing preflight. */
  readonly cachedFor: number | null;
}

/** Runs `call` as Chromium would against `server` (or `send`, a way to it), and concludes. */
export async function conclude(call: FetchCall, server: Server, send: Send = server.send): Promise<Conclusion> {
  server.reached.take();
  const verdict = await simulateFetch(call, send);
  const reached = server.reached.take();
  const first = verdict.exchanges[0];
  let cachedFor: number | null = null;
  if (first !== undefined && first.request.kind === 'preflight') {
    const judged = judgePreflight(planRequest(call), first.response);
    if (judged.allowed && judged.maxAge !== undefined) cachedFor = judged.maxAge;
  }
  const readable = verdict.allowed && verdict.readable !== undefined ? verdict.readable.readable.filter((name) => APP_HEADER_NAMES.has(name)).sort() : [];
  return { allowed: verdict.allowed, readable, reached, cachedFor };
}
