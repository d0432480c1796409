// The CORS check (Fetch Standard "CORS check"): the one test every cross-origin response passes
// or fails, the preflight's answer and each redirect included.

import { get, getAll, show } from './headers.js';
import { SPEC } from './spec.js';
import type { HeaderList, Phase, Step } from './types.js';

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

/** How to name the response a fix must change. */
function which(phase: Phase): string {
  if (phase === 'preflight') return 'the preflight answer (OPTIONS with Access-Control-Request-Method)';
  if (phase === 'redirect') return 'the redirect response itself';
  return 'the response';
}

/** Why `value` is not `origin`, in words, for the common mistakes. */
function mismatch(value: string, origin: string): string {
  if (value === `${origin}/`) return 'it has a trailing slash; an origin has none';
  if (value.toLowerCase() === origin.toLowerCase()) return 'origins are compared byte for byte, case included';
  if (value === 'null') return "'null' matches only requests whose Origin is null";
  if (origin === 'null') return 'after a cross-origin redirect the request carries Origin: null';
  if (value.startsWith(origin) && value.length > origin.length) return 'an origin has no path';
  return `the server allows ${value}, not ${origin}`;
}

/** A step of the CORS check, without its phase and hop (and by default its spec). */
type Fields = Omit<Step, 'phase' | 'hop' | 'spec'> & { spec?: string };

/**
 * The CORS check of `headers` for a request from `origin`: presence, a single value, the match,
 * then `Access-Control-Allow-Credentials` for a credentialed request.
 */
export function corsCheck(
  headers: HeaderList,
  origin: string,
  credentials: boolean,
  phase: Phase,
  hop: number,
): Step[] {
  const step = (fields: Fields): Step => ({ phase, hop, spec: SPEC.corsCheck, ...fields });
  const value = get(headers, ACAO);
  const refused = allowOriginFailure(getAll(headers, ACAO), value, origin, credentials, phase);
  if (refused !== undefined) return [step({ step: 'cors.allow-origin', ok: false, ...refused })];
  const allowed = step({
    step: 'cors.allow-origin',
    ok: true,
    title: value === '*' ? `${ACAO}: * allows every origin` : `${ACAO} matches the origin`,
    detail: show(ACAO, value),
  });
  if (!credentials) return [allowed];
  return [allowed, step(credentialsStep(get(headers, ACAC), phase))];
}

/** Why `Access-Control-Allow-Origin` fails the check, or undefined when it passes. */
function allowOriginFailure(
  lines: readonly string[],
  value: string | null,
  origin: string,
  credentials: boolean,
  phase: Phase,
): Omit<Fields, 'step' | 'ok'> | undefined {
  if (value === null) {
    return {
      title: `${ACAO} is missing`,
      detail: `${show(ACAO, null)}; the request's Origin is ${origin}`,
      fix: `send ${ACAO}: ${credentials ? origin : `${origin} (or *)`} on ${which(phase)}`,
    };
  }
  if (lines.length > 1) {
    return {
      title: `${ACAO} must be a single value`,
      detail: `${lines.length} ${ACAO} lines: ${lines.map((l) => JSON.stringify(l)).join(', ')}`,
      fix: `send ${ACAO} once; two layers (a proxy and the app, or two middlewares) each add one`,
      spec: SPEC.corsProtocolHeaders,
    };
  }
  if (value === '*' && credentials) {
    return {
      title: `${ACAO}: * is not allowed with credentials`,
      detail: `${show(ACAO, value)}; the request has credentials: 'include'`,
      fix: `send the request's origin, ${ACAO}: ${origin}, with Vary: Origin`,
    };
  }
  if (value === '*' || value === origin) return undefined;
  const several = value.includes(',') || value.includes(' ');
  return {
    title: several ? `${ACAO} must be a single origin` : `${ACAO} does not match the origin`,
    detail: `${show(ACAO, value)}; the request's Origin is ${origin}: ${several ? 'a list is never a match' : mismatch(value, origin)}`,
    fix: several
      ? `send only the request's origin, ${ACAO}: ${origin}, chosen from your list`
      : `send ${ACAO}: ${credentials ? origin : `${origin} (or *)`} on ${which(phase)}`,
  };
}

/** With credentials, `Access-Control-Allow-Credentials` must be exactly `true`. */
function credentialsStep(allowCredentials: string | null, phase: Phase): Fields {
  const ok = allowCredentials === 'true';
  return {
    step: 'cors.allow-credentials',
    ok,
    title: ok ? `${ACAC} is true` : `${ACAC} must be exactly true`,
    detail: `${show(ACAC, allowCredentials)}; the request has credentials: 'include'`,
    ...(ok
      ? {}
      : {
          fix:
            allowCredentials !== null && allowCredentials.toLowerCase() === 'true'
              ? `write it in lowercase: ${ACAC}: true`
              : `send ${ACAC}: true on ${which(phase)}, or call fetch() without credentials: 'include'`,
        }),
  };
}
