// Shared vocabulary for the core tests: real Requests built the way browsers send them, and
// readers for the headers a browser's CORS check looks at.

export const SITE = 'https://api.myapp.es/resource';

export interface RequestParts {
  method?: string;
  origin?: string | null;
  acrm?: string | undefined;
  acrh?: string | string[] | undefined;
  headers?: Record<string, string>;
}

/** A real Request; `acrh` given as an array becomes several header lines. */
export function request({ method = 'GET', origin = null, acrm, acrh, headers = {} }: RequestParts = {}): Request {
  const h = new Headers(headers);
  if (origin !== null) h.set('origin', origin);
  if (acrm !== undefined) h.set('access-control-request-method', acrm);
  if (acrh !== undefined) for (const line of [acrh].flat()) h.append('access-control-request-headers', line);
  return new Request(SITE, { method, headers: h });
}

export function preflightRequest(origin: string, acrm: string, acrh?: string | string[]): Request {
  return request({ method: 'OPTIONS', origin, acrm, ...(acrh === undefined ? {} : { acrh }) });
}

/** Every Access-Control-* response header, as [name, value] pairs sorted by name. */
export function corsHeaders(response: Response): [string, string][] {
  return [...response.headers].filter(([name]) => name.startsWith('access-control-'));
}

/** The response's Vary tokens, lowercased, in order. */
export function varyTokens(response: Response): string[] {
  const vary = response.headers.get('vary');
  if (vary === null) return [];
  return vary
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

/** A handler that records its calls and answers 200 with a body. */
export function recordingHandler(init?: ResponseInit, body = 'handler') {
  const calls: Request[] = [];
  const handler = (req: Request): Response => {
    calls.push(req);
    return new Response(body, init);
  };
  return { handler, calls };
}

export const CORS_HEADER_NAMES = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
] as const;
