// The whole of a cross-origin fetch() as a browser runs it: plan, preflight, actual request,
// redirects, each answer judged as it comes. The network is a function the caller supplies.

import { judgePreflight } from './preflight.js';
import { judgeResponse } from './response.js';
import { planRequest, type RequestPlan } from './plan.js';
import type { FetchCall, HttpResponse, Judgement, OutgoingRequest, ReadableHeaders, Step } from './types.js';
import { SPEC } from './spec.js';

/** One request the browser sent and the answer it got. */
export interface Exchange {
  readonly request: OutgoingRequest;
  readonly response: HttpResponse;
}

export interface Verdict extends Judgement {
  readonly call: FetchCall;
  readonly engine: NonNullable<FetchCall['engine']>;
  /** Every request sent and its answer, in order. */
  readonly exchanges: readonly Exchange[];
  /** False when the actual request was not sent, so its CORS check is still to come. */
  readonly complete: boolean;
  /** For an allowed, complete request: what the page's script can read. */
  readonly readable?: ReadableHeaders;
  /** Where the Fetch Standard and the engine disagree in this run, in words. */
  readonly differs: readonly string[];
}

export interface SimulateOptions {
  /** Whether to send the actual request (for instance only GET and HEAD); default: always. */
  readonly sendActual?: ((request: OutgoingRequest) => boolean) | undefined;
}

/**
 * Runs `call` as the browser would, asking `send` for each answer. Errors thrown by `send`
 * (an unreachable host) propagate: they are the caller's network errors, not CORS verdicts.
 */
export async function simulateFetch(
  call: FetchCall,
  send: (request: OutgoingRequest) => HttpResponse | Promise<HttpResponse>,
  options: SimulateOptions = {},
): Promise<Verdict> {
  const steps: Step[] = [];
  const exchanges: Exchange[] = [];
  const finish = (fields: { allowed: boolean; complete: boolean; reason?: string; fix?: string; readable?: ReadableHeaders }): Verdict => ({
    call,
    engine: call.engine ?? 'chromium',
    steps,
    exchanges,
    differs: [...new Set(steps.flatMap((s) => (s.differs ? [s.differs] : [])))],
    ...fields,
  });
  const blocked = (judgement: Judgement): Verdict =>
    finish({
      allowed: false,
      complete: true,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      ...(judgement.fix ? { fix: judgement.fix } : {}),
    });

  let plan: RequestPlan = planRequest(call);
  steps.push(...plan.steps);
  if (!plan.allowed) return blocked(plan);
  for (;;) {
    if (plan.preflight) {
      const response = await send(plan.preflight);
      exchanges.push({ request: plan.preflight, response });
      const judged = judgePreflight(plan, response);
      steps.push(...judged.steps);
      if (!judged.allowed) return blocked(judged);
    }
    if (options.sendActual && !options.sendActual(plan.actual)) {
      steps.push({
        step: 'actual.not-sent',
        phase: 'actual',
        hop: plan.hop,
        ok: true,
        warning: true,
        title: `the browser would now send ${plan.method} ${plan.url}`,
        detail: plan.cors
          ? `not sent here; its response must then pass the CORS check: Access-Control-Allow-Origin: ${plan.credentials ? plan.requestOrigin : `${plan.requestOrigin} (or *)`}` +
            (plan.credentials ? ' and Access-Control-Allow-Credentials: true' : '')
          : 'not sent here; a same-origin response needs no CORS header',
        fix: 'send it too to check its response (it may change data on the server)',
        spec: SPEC.corsCheck,
      });
      return finish({ allowed: true, complete: false });
    }
    const response = await send(plan.actual);
    exchanges.push({ request: plan.actual, response });
    const judged = judgeResponse(plan, response);
    steps.push(...judged.steps);
    if (!judged.allowed) return blocked(judged);
    if (judged.redirect === undefined) {
      return finish({ allowed: true, complete: true, ...(judged.readable ? { readable: judged.readable } : {}) });
    }
    plan = judged.redirect;
    steps.push(...plan.steps);
  }
}
