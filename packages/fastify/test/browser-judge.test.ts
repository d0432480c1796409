import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { browse, type Outcome, type ScriptRequest } from './browser-judge.js';
import { track } from './helpers.js';

// The stand-in judge itself, against a server that answers whatever headers it is told to:
// each rule of the Fetch Standard it models, seen to pass and to fail.

const ORIGIN = 'https://app.example';

/** Answers every request with the headers in `answers[method]`, and `status`. */
async function scripted(answers: { preflight?: Record<string, string>; preflightStatus?: number; actual?: Record<string, string> }): Promise<FastifyInstance> {
  const app = track(Fastify());
  app.route({
    method: ['GET', 'POST', 'PUT', 'OPTIONS'],
    url: '/r',
    handler: async (request, reply) => {
      if (request.method === 'OPTIONS') return reply.code(answers.preflightStatus ?? 204).headers(answers.preflight ?? {}).send();
      return reply.headers({ 'x-secret': 's', 'content-language': 'en', ...answers.actual }).send('body');
    },
  });
  await app.ready();
  return app;
}

const GET: ScriptRequest = { method: 'GET', url: '/r', origin: ORIGIN };
const PUT: ScriptRequest = { method: 'PUT', url: '/r', origin: ORIGIN };
const PREFLIGHT_OK = { 'access-control-allow-origin': ORIGIN, 'access-control-allow-methods': 'PUT', 'access-control-max-age': '60' };

const rows: { rule: string; request: ScriptRequest; answers: Parameters<typeof scripted>[0]; outcome: Outcome }[] = [
  { rule: 'a simple GET needs no preflight; no ACAO: unreadable', request: GET, answers: {}, outcome: { preflight: 'none', readable: false } },
  {
    rule: 'ACAO equal to the origin: readable, only safelisted headers',
    request: GET,
    answers: { actual: { 'access-control-allow-origin': ORIGIN } },
    outcome: { preflight: 'none', readable: true, status: 200, readableHeaders: ['content-language', 'content-length', 'content-type'] },
  },
  { rule: 'ACAO of another origin: unreadable', request: GET, answers: { actual: { 'access-control-allow-origin': 'https://other.example' } }, outcome: { preflight: 'none', readable: false } },
  { rule: "'*' without credentials: readable", request: GET, answers: { actual: { 'access-control-allow-origin': '*' } }, outcome: expect.objectContaining({ readable: true }) as Outcome },
  { rule: "'*' with credentials: unreadable", request: { ...GET, credentials: true }, answers: { actual: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } }, outcome: { preflight: 'none', readable: false } },
  { rule: 'credentials need ACAC: true', request: { ...GET, credentials: true }, answers: { actual: { 'access-control-allow-origin': ORIGIN } }, outcome: { preflight: 'none', readable: false } },
  {
    rule: 'ACEH names what else is readable',
    request: GET,
    answers: { actual: { 'access-control-allow-origin': ORIGIN, 'access-control-expose-headers': 'X-Secret' } },
    outcome: { preflight: 'none', readable: true, status: 200, readableHeaders: ['content-language', 'content-length', 'content-type', 'x-secret'] },
  },
  {
    rule: "ACEH '*' with credentials is a header named '*'",
    request: { ...GET, credentials: true },
    answers: { actual: { 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': '*' } },
    outcome: { preflight: 'none', readable: true, status: 200, readableHeaders: ['content-language', 'content-length', 'content-type'] },
  },
  { rule: 'a PUT is preflighted; a preflight without ACAO fails', request: PUT, answers: { preflight: {} }, outcome: { preflight: 'failed', readable: false } },
  { rule: 'a preflight that is not 2xx fails', request: PUT, answers: { preflight: PREFLIGHT_OK, preflightStatus: 403 }, outcome: { preflight: 'failed', readable: false } },
  { rule: 'a preflight without the method in ACAM fails', request: PUT, answers: { preflight: { ...PREFLIGHT_OK, 'access-control-allow-methods': 'GET, POST' } }, outcome: { preflight: 'failed', readable: false } },
  {
    rule: 'a passed preflight, its Max-Age, then the actual request',
    request: PUT,
    answers: { preflight: PREFLIGHT_OK, actual: { 'access-control-allow-origin': ORIGIN } },
    outcome: { preflight: 'passed', preflightCacheSeconds: 60, readable: true, status: 200, readableHeaders: ['content-language', 'content-length', 'content-type'] },
  },
  { rule: 'a JSON POST is preflighted for its content-type', request: { method: 'POST', url: '/r', origin: ORIGIN, headers: { 'content-type': 'application/json' } }, answers: { preflight: { 'access-control-allow-origin': ORIGIN } }, outcome: { preflight: 'failed', readable: false } },
  { rule: 'a text/plain POST is not', request: { method: 'POST', url: '/r', origin: ORIGIN, headers: { 'content-type': 'text/plain' } }, answers: {}, outcome: { preflight: 'none', readable: false } },
  { rule: "'*' in ACAH never covers authorization", request: { ...PUT, headers: { authorization: 'x' } }, answers: { preflight: { ...PREFLIGHT_OK, 'access-control-allow-headers': '*' } }, outcome: { preflight: 'failed', readable: false } },
  {
    rule: "'*' in ACAH covers other headers without credentials",
    request: { ...PUT, headers: { 'x-user': 'x' } },
    answers: { preflight: { ...PREFLIGHT_OK, 'access-control-allow-headers': '*' }, actual: { 'access-control-allow-origin': ORIGIN } },
    outcome: expect.objectContaining({ preflight: 'passed' }) as Outcome,
  },
  { rule: "'*' in ACAM is a method named '*' with credentials", request: { ...PUT, credentials: true }, answers: { preflight: { ...PREFLIGHT_OK, 'access-control-allow-credentials': 'true', 'access-control-allow-methods': '*' } }, outcome: { preflight: 'failed', readable: false } },
  { rule: 'an unparsable ACAM fails the preflight', request: PUT, answers: { preflight: { ...PREFLIGHT_OK, 'access-control-allow-methods': 'PUT; GET' } }, outcome: { preflight: 'failed', readable: false } },
];

describe('the stand-in browser judge', () => {
  test.each(rows)('$rule', async ({ request, answers, outcome }) => {
    expect(await browse(await scripted(answers), request)).toEqual(outcome);
  });
});
