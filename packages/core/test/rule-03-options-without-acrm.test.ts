// Rule 3: OPTIONS without Access-Control-Request-Method is an ordinary request that belongs to
// the application, not a CORS-preflight request (https://fetch.spec.whatwg.org/#cors-preflight-request):
// it reaches the handler and is treated as an actual request.
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';
import { corsHeaders, recordingHandler, request, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

describe('rule 3: OPTIONS without ACRM reaches the handler', () => {
  it.each([
    { rule: 'allowed origin: actual-request CORS headers on the handler response', origin: APP, acao: APP },
    { rule: 'disallowed origin: no CORS headers', origin: 'https://evil.io', acao: null },
    { rule: 'no origin at all', origin: null, acao: null },
    { rule: 'ACRH alone does not make a preflight', origin: APP, acao: APP, acrh: 'x-user' },
  ])('$rule', async ({ origin, acao, acrh }) => {
    const { handler, calls } = recordingHandler({ status: 200, headers: { allow: 'GET, OPTIONS' } });
    const policy = cors({ origin: APP, credentials: true });
    const req = request({ method: 'OPTIONS', origin, ...(acrh ? { acrh } : {}) });
    const response = (await policy.wrap(handler)(req)) as Response;
    expect(calls).toEqual([req]);
    expect(response.status).toBe(200);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe(acao);
    expect(response.headers.has('access-control-allow-methods')).toBe(false);
    expect(response.headers.has('access-control-max-age')).toBe(false);
    if (acao === null) expect(corsHeaders(response)).toEqual([]);
    expect(varyTokens(response)).toEqual(['origin']);
    expect(await policy.preflight(req)).toBeUndefined();
  });

  it.each(['GET', 'POST', 'PUT'])('a %s carrying ACRM is not a preflight either', async (method) => {
    const { handler, calls } = recordingHandler();
    const req = request({ method, origin: APP, acrm: 'PUT' });
    const response = (await cors({ origin: APP }).wrap(handler)(req)) as Response;
    expect(calls).toHaveLength(1);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });
});
