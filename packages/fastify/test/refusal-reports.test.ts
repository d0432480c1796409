import { formatRefusalLog } from '@portcullis/core/adapter';
import Fastify, { type FastifyInstance, type FastifyRequest, type InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import portcullis, { type FastifyRefusalEvent, type PortcullisFastifyOptions } from '../src/index.js';
import { EVIL, logCapture, MYAPP, ok, track } from './helpers.js';

// onRefusal: 'log' goes through Fastify's logger (request.log.warn), one line per refusal with
// the core's formatRefusalLog text and the event's fields under `cors`; a listener function
// gets the FastifyRequest. A preflight for a route that does not exist is refused by the core
// like any method the URL does not serve.

const CROSS_SITE = { 'sec-fetch-site': 'cross-site' };

const refusals: { rule: string; request: InjectOptions; kind: FastifyRefusalEvent['kind']; code: string; message: unknown }[] = [
  {
    rule: 'a preflight from an origin not allowed',
    request: { method: 'OPTIONS', url: '/items/1', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } },
    kind: 'preflight',
    code: 'origin.not-allowed',
    message: 'origin https://evil.example is not allowed',
  },
  {
    rule: 'a preflight asking for a header not allowed',
    request: { method: 'OPTIONS', url: '/items/1', headers: { origin: MYAPP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-secret' } },
    kind: 'preflight',
    code: 'header.not-allowed',
    message: "request header 'x-secret' is not allowed",
  },
  {
    rule: 'a preflight for a route that does not exist',
    request: { method: 'OPTIONS', url: '/nowhere', headers: { origin: MYAPP, 'access-control-request-method': 'DELETE' } },
    kind: 'preflight',
    code: 'method.not-allowed',
    message: expect.stringContaining("method 'DELETE' is not allowed"),
  },
  {
    rule: 'an actual request from an origin that may not read the answer',
    request: { method: 'GET', url: '/items/1', headers: { origin: EVIL, ...CROSS_SITE } },
    kind: 'actual',
    code: 'origin.not-allowed',
    message: 'origin https://evil.example is not allowed',
  },
  {
    rule: 'a cross-site write',
    request: { method: 'PUT', url: '/items/1', headers: { origin: EVIL, ...CROSS_SITE } },
    kind: 'write',
    code: 'write.cross-origin',
    message: 'cross-site PUT from https://evil.example refused: the origin is not allowed',
  },
];

async function appLogging(options: PortcullisFastifyOptions): Promise<{ app: FastifyInstance; lines: Record<string, unknown>[]; ids: string[] }> {
  const { stream, lines } = logCapture();
  const ids: string[] = [];
  const app = track(Fastify({ logger: { stream, level: 'warn' } }));
  app.addHook('onResponse', async (request) => {
    ids.push(request.id);
  });
  await app.register(portcullis, options);
  app.put('/items/:id', ok);
  app.get('/items/:id', ok);
  await app.ready();
  return { app, lines, ids };
}

describe("onRefusal: 'log' writes one warning per refusal through the request's logger", () => {
  let consoleWarn: MockInstance;
  beforeEach(() => {
    consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    consoleWarn.mockRestore();
  });

  test.each(refusals)('$rule', async ({ request, kind, code, message }) => {
    const { app, lines, ids } = await appLogging({ origin: MYAPP, credentials: true, onRefusal: 'log' });
    await app.inject(request);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    const line = warnings[0]!;
    const cors = line.cors as Record<string, unknown>;
    expect(cors).toMatchObject({ kind, code, message, origin: request.headers!.origin });
    expect(typeof cors.fix).toBe('string');
    expect((cors.refusal as { code: string }).code).toBe(code);
    expect(line.msg).toBe(formatRefusalLog(cors as Parameters<typeof formatRefusalLog>[0]));
    // The request's own logger: the line carries its request id.
    expect(line.reqId).toBe(ids[0]);
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  test('allowed requests log nothing', async () => {
    const { app, lines } = await appLogging({ origin: MYAPP, onRefusal: 'log' });
    await app.inject({ method: 'OPTIONS', url: '/items/1', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    await app.inject({ method: 'GET', url: '/items/1', headers: { origin: MYAPP } });
    expect(lines).toEqual([]);
  });
});

describe('an onRefusal listener receives each refusal with the FastifyRequest', () => {
  test.each(refusals)('$rule', async ({ request, kind, code, message }) => {
    const events: FastifyRefusalEvent[] = [];
    const app = track(Fastify());
    let seen: FastifyRequest | undefined;
    app.addHook('onResponse', async (r) => {
      seen = r;
    });
    await app.register(portcullis, { origin: MYAPP, credentials: true, onRefusal: (event) => events.push(event) });
    app.put('/items/:id', ok);
    app.get('/items/:id', ok);
    await app.ready();
    await app.inject(request);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({ kind, code, message, origin: request.headers!.origin });
    expect(event.request).toBe(seen);
    expect(event.request.server).toBe(app);
    expect(Object.isFrozen(event)).toBe(true);
  });

  test('a listener that throws never breaks the request; the error is reported once, without a logger', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = track(Fastify());
    await app.register(portcullis, {
      origin: MYAPP,
      onRefusal: () => {
        throw new Error('listener bug');
      },
    });
    app.put('/items/:id', ok);
    await app.ready();
    for (let i = 0; i < 3; i++) {
      const response = await app.inject({ method: 'OPTIONS', url: '/items/1', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
      expect(response.statusCode).toBe(403);
    }
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]![0]).toMatch(/the onRefusal listener threw/);
    expect((consoleError.mock.calls[0]![1] as Error).message).toBe('listener bug');
    consoleError.mockRestore();
  });
});
