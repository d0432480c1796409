// What every judgement shares: the first failing step decides, as the browser reports it.

import type { HttpResponse, Judgement, Step } from './types.js';

/** The judgement of `steps`: allowed when none fails, else the first failure's reason and fix. */
export function conclude(steps: Step[]): Judgement {
  const first = steps.find((s) => !s.ok);
  if (first === undefined) return { allowed: true, steps };
  return { allowed: false, steps, reason: `${first.title}: ${first.detail}`, ...(first.fix ? { fix: first.fix } : {}) };
}

/** `204 No Content`, or `204` without a reason phrase. */
export function statusLine(response: HttpResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}
