// onRefusal: every refusal, as a structured event, after the answer is decided; it never
// changes the answer and nothing it does breaks the request. `'log'` is one line with the fix.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cors, type CorsOptions, type CorsRefusalEvent } from '../src/index.js';
import { preflightRequest, request } from './helpers.js';

const APP = 'https://admin.myapp.es';

function collect(options: Omit<CorsOptions, 'onRefusal'>) {
  const events: CorsRefusalEvent[] = [];
  return { events, policy: cors({ ...options, onRefusal: (event) => void events.push(event) }) };
}

afterEach(() => vi.restoreAllMocks());

describe('onRefusal receives every refusal', () => {
  const rows: { rule: string; request: () => Request; event: Partial<CorsRefusalEvent> }[] = [
    {
      rule: 'a refused request header',
      request: () => preflightRequest(APP, 'PUT', 'content-type,x-api-key'),
      event: {
        kind: 'preflight',
        code: 'header.not-allowed',
        origin: APP,
        method: 'PUT',
        requestHeaders: 'content-type,x-api-key',
        message: "request header 'x-api-key' is not allowed",
        fix: "add 'x-api-key' to allowHeaders",
      },
    },
    {
      rule: 'a refused method',
      request: () => preflightRequest(APP, 'PURGE'),
      event: { kind: 'preflight', code: 'method.not-allowed', method: 'PURGE', requestHeaders: null, fix: "add 'PURGE' to allowMethods" },
    },
    {
      rule: 'a refused origin, preflighted',
      request: () => preflightRequest('https://evil.example', 'PUT'),
      event: { kind: 'preflight', code: 'origin.not-allowed', origin: 'https://evil.example' },
    },
    {
      rule: 'a read by a refused origin (the browser will hide the answer)',
      request: () => request({ origin: 'https://evil.example' }),
      event: { kind: 'actual', code: 'origin.not-allowed', origin: 'https://evil.example', method: 'GET', requestHeaders: null },
    },
    {
      rule: 'a sandboxed page',
      request: () => request({ origin: 'null' }),
      event: { kind: 'actual', code: 'origin.null', origin: 'null' },
    },
  ];

  it.each(rows)('$rule', ({ request: make, event }) => {
    const { events, policy } = collect({ origin: [APP] });
    const req = make();
    policy.wrap(() => new Response('x'))(req);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ...event, request: req });
    expect(events[0]!.refusal.code).toBe(events[0]!.code);
  });

  it('nothing is reported for allowed requests, requests without Origin, or same-origin writes', () => {
    const { events, policy } = collect({ origin: [APP], credentials: true });
    const handle = policy.wrap(() => new Response('x'));
    handle(request({ origin: APP }));
    handle(preflightRequest(APP, 'PUT', 'content-type'));
    handle(request({ method: 'POST' }));
    // The API's own page posts to it with Origin; that is not a refusal worth reporting.
    handle(request({ method: 'POST', origin: 'https://api.myapp.es', headers: { 'sec-fetch-site': 'same-origin' } }));
    handle(request({ method: 'POST', origin: 'https://api.myapp.es' }));
    expect(events).toEqual([]);
  });

  it('an async origin function reports once it has settled', async () => {
    const events: CorsRefusalEvent[] = [];
    const policy = cors({ origin: async () => false, onRefusal: (e) => void events.push(e) });
    await policy.preflight(preflightRequest(APP, 'PUT'));
    expect(events.map((e) => e.code)).toEqual(['origin.not-allowed']);
  });
});

describe('onRefusal never breaks a request', () => {
  it('a throwing listener leaves the answer as it was and is reported once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const policy = cors({
      origin: APP,
      onRefusal: () => {
        throw new Error('listener bug');
      },
    });
    const handle = policy.wrap(() => new Response('x'));
    const a = handle(preflightRequest(APP, 'PURGE')) as Response;
    const b = handle(preflightRequest('https://evil.example', 'PUT')) as Response;
    expect(a.headers.get('portcullis-refusal')).toBe("method 'PURGE' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE)");
    expect(b.status).toBe(403);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain('onRefusal listener threw');
  });

  it('a rejecting async listener is reported once too', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const policy = cors({ origin: APP, onRefusal: (async () => Promise.reject(new Error('later'))) as () => void });
    policy.preflight(preflightRequest('https://evil.example', 'PUT'));
    policy.preflight(preflightRequest('https://evil.example', 'PUT'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('the listener sees the decided answer but cannot change it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const attempts: string[] = [];
    const policy = cors({
      origin: APP,
      onRefusal: (event) => {
        for (const change of [() => ((event as { message: string }).message = 'x'), () => ((event.refusal as { code: string }).code = 'x')]) {
          try {
            change();
          } catch (e) {
            attempts.push((e as Error).name);
          }
        }
      },
    });
    const response = policy.preflight(preflightRequest(APP, 'PURGE')) as Response;
    expect(attempts).toEqual(['TypeError', 'TypeError']);
    expect(response.status).toBe(204);
    expect(response.headers.get('portcullis-refusal')).toContain("method 'PURGE'");
    expect(error).not.toHaveBeenCalled();
  });
});

describe("onRefusal: 'log'", () => {
  it('logs one line per refusal, with the fix', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const handle = cors({ origin: APP, onRefusal: 'log' }).wrap(() => new Response('x'));
    handle(preflightRequest(APP, 'PUT', 'x-api-key'));
    handle(request({ origin: 'https://evil.example' }));
    expect(warn.mock.calls).toEqual([
      ["portcullis: refused preflight from https://admin.myapp.es: request header 'x-api-key' is not allowed; add 'x-api-key' to allowHeaders"],
      ["portcullis: refused read from https://evil.example: origin https://evil.example is not allowed; add 'https://evil.example' to origin if that site may read responses"],
    ]);
  });
});
