// Reporting refusals to the user's `onRefusal`: the event is built only when someone listens,
// after the answer is decided, and nothing the listener does (throw, reject) reaches the
// request. `'log'` is one line per refusal with its fix.

import { isThenable } from './maybe-promise.js';
import { echoOrigin, explainRefusal } from './refusal-text.js';
import type { CorsRefusal, CorsRefusalEvent, RefusalListener } from './types.js';

/** Hands one refusal to the listener; see compileReporter. */
export type Reporter<Req> = (
  kind: CorsRefusalEvent['kind'],
  refusal: CorsRefusal,
  origin: string | null,
  method: string,
  requestHeaders: string | null,
  request: Req,
) => void;

/** The line `onRefusal: 'log'` writes: `portcullis: refused preflight from https://a.es: ...; ...`. */
export function formatRefusalLog(event: Pick<CorsRefusalEvent<unknown>, 'kind' | 'origin' | 'message' | 'fix'>): string {
  const what = event.kind === 'actual' ? 'read' : event.kind;
  return `portcullis: refused ${what} from ${echoOrigin(event.origin)}: ${event.message}; ${event.fix}`;
}

const logToConsole: RefusalListener<unknown> = (event) => console.warn(formatRefusalLog(event));

/** The reporter for a policy's `onRefusal`, or undefined when nobody listens (the fast path). */
export function compileReporter<Req>(listener: 'log' | RefusalListener<Req> | undefined): Reporter<Req> | undefined {
  if (listener === undefined) return undefined;
  const listen = listener === 'log' ? (logToConsole as RefusalListener<Req>) : listener;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    console.error('portcullis: the onRefusal listener threw; the request went on unaffected (reported once per policy):', error);
  };
  return (kind, refusal, origin, method, requestHeaders, request) => {
    const { message, fix } = explainRefusal(refusal);
    // Frozen: the refusal is the decision's own, which adapters read after this.
    const event: CorsRefusalEvent<Req> = Object.freeze({ kind, code: refusal.code, refusal: Object.freeze(refusal), origin, method, requestHeaders, message, fix, request });
    try {
      const result: unknown = listen(event);
      if (isThenable(result)) Promise.resolve(result).then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  };
}
