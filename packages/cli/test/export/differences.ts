// What the core answers, turned into what a web server must answer: the same, except for the
// differences EXPORT.md documents, each applied here by name and nowhere else. A server that
// differs in any other way fails the differential test.

import { cors, type CorsOptions } from '@portcullis/core';
import { createCorsEngine } from '@portcullis/core/adapter';
import { upstreamAnswer } from './differential-cases.js';

/** The headers compared: every CORS response header, the refusal, Cache-Control and Vary. */
export const COMPARED = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
  'cache-control',
  'portcullis-refusal',
  'vary',
  'access-control-x-upstream',
] as const;

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Comma lists compared as sets of lowercase tokens (Vary's order and lines differ between servers). */
function tokens(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return [...new Set(value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))].sort().join(', ');
}

export function normalise(answer: Answer): Answer {
  const headers: Record<string, string | undefined> = {};
  for (const name of COMPARED) headers[name] = name === 'vary' ? tokens(answer.headers[name]) : answer.headers[name];
  return { status: answer.status, headers };
}

/**
 * Documented difference 1: an empty `Origin`, `Access-Control-Request-Method`,
 * `Access-Control-Request-Headers` or `Sec-Fetch-Site` header is read as absent (no server
 * tells them apart); browsers never send one empty.
 */
function withoutEmptyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
}

/** What the core answers: `cors(policy)` around the upstream's answer, for the same URL and headers. */
export async function coreAnswer(policy: CorsOptions, url: string, method: string, resource: string, sent: Record<string, string>): Promise<Answer> {
  const handler = cors(policy).wrap(() => {
    const { status, headers } = upstreamAnswer(resource);
    return new Response(status === 204 ? null : 'upstream', { status, headers });
  });
  const request = new Request(url, { method, headers: withoutEmptyHeaders(sent) });
  const response = await handler(request);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers };
}

/** The core's answer with each documented difference applied: what every server must send. */
export function expectedOfServer(policy: CorsOptions, url: string, method: string, sent: Record<string, string>, core: Answer): Answer {
  const headers: Record<string, string | undefined> = { ...normalise(core).headers };
  const request = new Request(url, { method, headers: withoutEmptyHeaders(sent) });
  const decision = createCorsEngine(policy).decide(request);
  if (decision instanceof Promise) throw new Error('the differential policies are synchronous');
  // Difference 2: the upstream's CORS headers are removed from every answer that reaches it;
  // the core leaves them on answers to requests without Origin, and leaves those it does not
  // set itself (Allow-Methods, -Headers, Max-Age) on answers it allows.
  const reachedUpstream = decision.kind === 'not-cors' || decision.kind === 'actual';
  if (reachedUpstream) {
    const upstream = upstreamAnswer(new URL(url).pathname.split('/').slice(2).join('/')).headers;
    const policySets = new Set(decision.kind === 'actual' && decision.allowed ? decision.headers.map(([name]) => name) : []);
    for (const [name, value] of Object.entries(upstream)) {
      if (name.startsWith('access-control-allow-') || name === 'access-control-expose-headers' || name === 'access-control-max-age') {
        if (!policySets.has(name) && headers[name] === value) headers[name] = undefined;
      } else if (name.startsWith('access-control-')) {
        // ...while the names the Fetch Standard does not define pass through, refused or not.
        headers[name] = value;
      }
    }
  }
  // Difference 7: the request's host is Host as received; the core's is the URL's, lowercased
  // (browsers send it lowercase, so only a hand-made request tells them apart): a write whose
  // Origin names the host in another case is refused.
  const host = sent.host;
  const { config } = createCorsEngine(policy);
  if (host !== undefined && host !== host.toLowerCase() && decision.kind === 'actual' && !decision.allowed && config.protectWrites) {
    const refusal = `cross-origin ${method} from ${sent.origin} refused: the origin is not allowed, and it is not the request's host ${host}`;
    return normalise({ status: 403, headers: { vary: 'Origin', ...(config.explainRefusals ? { 'portcullis-refusal': refusal } : {}) } });
  }
  const refusal = headers['portcullis-refusal'];
  if (refusal !== undefined && 'refusal' in decision) {
    const code = decision.refusal.code;
    // Difference 3: no server counts characters, so texts leave the count out.
    if (code === 'request-headers.too-long') headers['portcullis-refusal'] = 'Access-Control-Request-Headers is over the limit of 4096 characters';
    if (code === 'request-headers.malformed' || code === 'request-headers.too-many') {
      headers['portcullis-refusal'] = 'Access-Control-Request-Headers is not a list of at most 100 header names';
    }
    headers['portcullis-refusal'] = headers['portcullis-refusal']!.replace(/an unprintable Origin of \d+ characters/g, 'an unprintable Origin');
    // Difference 4: a refused header is named as the request spelled it (browsers send lowercase).
    if (decision.refusal.code === 'header.not-allowed') {
      const refused = decision.refusal.header;
      const sentName = (sent['access-control-request-headers'] ?? '').split(',').map((n) => n.trim()).find((n) => n.toLowerCase() === refused);
      if (sentName !== undefined) headers['portcullis-refusal'] = headers['portcullis-refusal']!.replace(`'${refused}'`, `'${sentName}'`);
    }
    // Difference 5: under allowHeaders '*', the refusal of authorization lists the other names
    // as the request spelled and separated them (the same list to a browser).
    if (code === 'header.authorization-not-covered' && headers['access-control-allow-headers'] !== undefined) {
      const list = (sent['access-control-request-headers'] ?? '').replace(/^[ \t,]*authorization[ \t]*(,[ \t,]*)?|[ \t]*,[ \t,]*authorization[ \t]*(?=,|$)/i, '');
      headers['access-control-allow-headers'] = list.replace(/[ \t,]+$/, '');
    }
  }
  // Difference 6: a header the core sends empty (Access-Control-Allow-Methods with
  // allowMethods: []) is left out; browsers read both as an empty list.
  for (const name of Object.keys(headers)) if (headers[name] === '') headers[name] = undefined;
  return { status: core.status, headers };
}
