import { planRequest, type FetchCall, type RequestPlan } from '../src/index.js';

export const PAGE = 'https://app.example';
export const API = 'https://api.example/items';

/** A plan for a call from PAGE to API, with whatever the row overrides. */
export function plan(call: Partial<FetchCall> = {}): RequestPlan {
  return planRequest({ origin: PAGE, url: API, ...call });
}

/** The value of `name` among a request's headers (lowercase names), or undefined. */
export function header(list: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return list.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** An answer echoing what a permissive, correct server would allow for `p`'s preflight. */
export function permissivePreflight(p: RequestPlan, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    'access-control-allow-origin': p.requestOrigin,
    'access-control-allow-methods': p.method,
    ...(p.unsafeHeaders.length > 0 ? { 'access-control-allow-headers': p.unsafeHeaders.join(', ') } : {}),
    ...(p.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...extra,
  };
  return { status: 204, headers };
}
