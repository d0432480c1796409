// The audit's options checked and completed once: every mistake a user can make is one
// UsageError saying what to write instead.

import { planRequest, toHeaderList, type Engine, type HeaderList } from '@portcullis/browser-model';
import { UsageError } from '../errors.js';
import { httpUrl } from '../http-url.js';
import { DEFAULT_TIMEOUT_MS } from '../transport.js';
import { ATTACKER_DOMAIN } from './attacker-origins.js';
import { DEFAULT_MAX_REQUESTS } from './plan.js';
import type { AuditOptions } from './types.js';

export interface Settings {
  readonly url: string;
  readonly engine: Engine;
  readonly method: string;
  /** The headers the page's script sets (the cookie apart). */
  readonly headers: HeaderList;
  /** The CORS-unsafe names among them, as the preflight lists them. */
  readonly unsafeHeaders: readonly string[];
  /** The user's cookies, sent only where a browser sends them. */
  readonly cookie: string | undefined;
  readonly probeWrites: boolean;
  readonly maxRequests: number;
  readonly delayMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly distrustSubdomains: boolean;
}

function whole(value: number | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`${name} must be a whole number${min === 0 ? '' : ` of at least ${min}`}, not '${String(value)}'`);
  }
  return value;
}

function targetUrl(raw: string): string {
  const url = httpUrl(raw);
  if (url.username !== '' || url.password !== '') throw new UsageError(`'${raw}' has user info: remove user:password@`);
  url.hash = '';
  return url.href;
}

/** Checks and completes `options` for `url`; throws UsageError. */
export function settingsOf(rawUrl: string, options: AuditOptions): Settings {
  const url = targetUrl(rawUrl);
  const engine = options.browser ?? 'chromium';
  const all = toHeaderList(options.headers);
  const cookies = all.filter(([name]) => name.toLowerCase() === 'cookie').map(([, value]) => value);
  const headers = all.filter(([name]) => name.toLowerCase() !== 'cookie');
  const plan = planRequest({ origin: `https://${ATTACKER_DOMAIN}`, url, method: options.method, headers, engine });
  if (!plan.allowed) throw new UsageError(`the page's call cannot be made: ${plan.reason}`);
  const reads = plan.method === 'GET' || plan.method === 'HEAD';
  if (!reads && plan.preflight === null) {
    throw new UsageError(
      `--method ${plan.method} needs no preflight, so every probe would send a ${plan.method} (a write): ` +
        "audit with GET, or with the --header that makes the browser preflight it (e.g. --header 'content-type: application/json')",
    );
  }
  return {
    url,
    engine,
    method: plan.method,
    headers,
    unsafeHeaders: plan.unsafeHeaders,
    cookie: cookies.length === 0 ? undefined : cookies.join('; '),
    probeWrites: options.probeWrites === true,
    maxRequests: whole(options.maxRequests, '--max-requests', DEFAULT_MAX_REQUESTS, 1),
    delayMs: whole(options.delayMs, '--delay', 0, 0),
    timeoutMs: whole(options.timeoutMs, '--timeout', DEFAULT_TIMEOUT_MS, 1),
    concurrency: whole(options.concurrency, '--concurrency', 1, 1),
    distrustSubdomains: options.distrustSubdomains === true,
  };
}
