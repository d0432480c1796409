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

/**
 * Why `value` is not `origin`, in words, for the common mistakes; `exact` when the server
 * clearly means this origin and only writes it wrong.
 */
function mismatch(value: string, origin: string): { why: string; exact: boolean } {
  if (value === `${origin}/`) return { why: 'it has a trailing slash; an origin has none', exact: true };
  if (value.toLowerCase() === origin.toLowerCase()) return { why: 'origins are compared byte for byte, case included', exact: true };
  if (value === 'null') return { why: "'null' matches only requests whose Origin is null", exact: false };
  if (origin === 'null') return { why: 'after a cross-origin redirect the request carries Origin: null', exact: false };
  if (value.startsWith(origin) && value.length > origin.length) return { why: 'an origin has no path', exact: true };
  return { why: `the server allows ${value}, not ${origin}`, exact: false };
}

/**
 * The fix for an origin the answer does not allow. A refusal may be the server's policy, so
 * the fix is conditional, and it never proposes `*`, `null` or echoing every Origin.
 */
function allowFix(origin: string, phase: Phase): string {
  if (origin === 'null') {
    return 'call the final URL directly: after a cross-origin redirect the browser sends Origin: null, and a server that allows null allows every sandboxed page';
  }
  return `if a page on ${origin} should read this, add ${origin} to the server's list of allowed origins, so that ${which(phase)} carries ${ACAO}: ${origin}; if it should not, the server's policy is doing its job`;
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
  return [allowed, step(credentialsStep(get(headers, ACAC), origin, phase))];
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
      fix: allowFix(origin, phase),
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
      fix:
        `with credentials the server must name the page's origin, never *: if a page on ${origin} should read with the user's cookies, ` +
        `add ${origin} to the server's list of allowed origins, so that it answers ${ACAO}: ${origin} with Vary: Origin ` +
        "(never echo whatever Origin comes); otherwise call fetch() without credentials: 'include'",
    };
  }
  if (value === '*' || value === origin) return undefined;
  if (value.includes(',') || value.includes(' ')) {
    return {
      title: `${ACAO} must be a single origin`,
      detail: `${show(ACAO, value)}; the request's Origin is ${origin}: a list is never a match`,
      fix: `send one origin, the allowed origin that equals the request's Origin (${ACAO}: ${origin} when ${origin} is on the server's list), and Vary: Origin`,
    };
  }
  const { why, exact } = mismatch(value, origin);
  return {
    title: `${ACAO} does not match the origin`,
    detail: `${show(ACAO, value)}; the request's Origin is ${origin}: ${why}`,
    fix: exact
      ? `write the origin exactly as browsers send it: ${ACAO}: ${origin} on ${which(phase)}`
      : `${value === 'null' ? 'never allow the origin null, which every sandboxed page sends; ' : ''}${allowFix(origin, phase)}`,
  };
}

/** With credentials, `Access-Control-Allow-Credentials` must be exactly `true`. */
function credentialsStep(allowCredentials: string | null, origin: string, phase: Phase): Fields {
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
              : `if a page on ${origin} should read with the user's cookies, send ${ACAC}: true on ${which(phase)}; otherwise call fetch() without credentials: 'include'`,
        }),
  };
}
