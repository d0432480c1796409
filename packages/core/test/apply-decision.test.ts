// Applying a decision to any framework's response headers, through a HeaderWriter: the rules
// of which CORS headers are set, kept or stripped, and how Vary is merged, proven on a plain
// Map so that every adapter inherits them.
import { describe, expect, it } from 'vitest';
import { createCorsEngine, decisionApplier, type CorsDecision, type HeaderWriter } from '../src/adapter.js';
import { request } from './helpers.js';

type Store = Map<string, string>;
// Names kept as written, as Node's ServerResponse does: removal must find them in any case.
const mapWriter: HeaderWriter<Store> = {
  get: (m, name) => [...m].find(([k]) => k.toLowerCase() === name)?.[1],
  set: (m, name, value) => {
    for (const k of [...m.keys()]) if (k.toLowerCase() === name) m.delete(k);
    m.set(name, value);
  },
  remove: (m, name) => {
    for (const k of [...m.keys()]) if (k.toLowerCase() === name.toLowerCase()) m.delete(k);
  },
  names: (m) => m.keys(),
};
const apply = decisionApplier(mapWriter);

const APP = 'https://myapp.es';
const engine = createCorsEngine({ origin: APP, credentials: true, exposeHeaders: ['x-id'], protectWrites: true });
const plain = createCorsEngine({ origin: APP });
const any = createCorsEngine({ origin: '*' });

function applied(decision: CorsDecision, existing: Record<string, string>): Record<string, string> {
  const store: Store = new Map(Object.entries(existing));
  apply(store, decision);
  return Object.fromEntries(store);
}

const HANDLER = { 'Content-Type': 'text/plain', Vary: 'Accept-Encoding', 'Access-Control-Allow-Methods': 'GET' };

const rows: { rule: string; decision: CorsDecision; existing: Record<string, string>; expected: Record<string, string> }[] = [
  {
    rule: 'an allowed read: the decision’s headers set, Vary merged, unrelated CORS headers kept',
    decision: engine.decide(request({ origin: APP })) as CorsDecision,
    existing: HANDLER,
    expected: {
      'Content-Type': 'text/plain',
      vary: 'Accept-Encoding, Origin',
      'Access-Control-Allow-Methods': 'GET',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-id',
    },
  },
  {
    rule: 'an allowed read without credentials: the handler’s own ACAC and ACEH removed',
    decision: plain.decide(request({ origin: APP })) as CorsDecision,
    existing: { 'Access-Control-Allow-Credentials': 'true', 'ACCESS-CONTROL-EXPOSE-HEADERS': 'x-secret', Vary: 'origin' },
    expected: { Vary: 'origin', 'access-control-allow-origin': APP },
  },
  {
    rule: 'a refused read: every Access-Control-* header removed, Vary merged',
    decision: engine.decide(request({ origin: 'https://evil.example' })) as CorsDecision,
    existing: HANDLER,
    expected: { 'Content-Type': 'text/plain', vary: 'Accept-Encoding, Origin' },
  },
  {
    rule: 'no Origin: only Vary: Origin',
    decision: engine.decide(request()) as CorsDecision,
    existing: { 'Access-Control-Allow-Origin': APP },
    expected: { 'Access-Control-Allow-Origin': APP, vary: 'Origin' },
  },
  {
    rule: "origin '*' without Origin: the constant answer, no Vary",
    decision: any.decide(request()) as CorsDecision,
    existing: {},
    expected: { 'access-control-allow-origin': '*' },
  },
  {
    rule: 'a preflight answer: earlier CORS headers replaced, other headers kept, Vary merged',
    decision: engine.decide(request({ method: 'OPTIONS', origin: APP, acrm: 'PUT' })) as CorsDecision,
    existing: { 'X-Request-Id': '7', 'Access-Control-Max-Age': '99999', Vary: '*' },
    expected: {
      'X-Request-Id': '7',
      Vary: '*',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-max-age': '600',
    },
  },
  {
    rule: 'a refused write: no CORS header, the reason, Vary merged',
    decision: engine.decide(request({ method: 'POST', origin: 'https://evil.example', headers: { 'sec-fetch-site': 'cross-site' } })) as CorsDecision,
    existing: { 'X-Request-Id': '7', 'Access-Control-Allow-Origin': '*' },
    expected: {
      'X-Request-Id': '7',
      vary: 'Origin',
      'portcullis-refusal': 'cross-site POST from https://evil.example refused: the origin is not allowed',
    },
  },
];

describe('decisionApplier', () => {
  it.each(rows)('$rule', ({ decision, existing, expected }) => {
    expect(applied(decision, existing)).toEqual(expected);
  });

  it('leaves Vary alone when it already names every token, in any case or as *', () => {
    const decision = engine.decide(request({ origin: APP })) as CorsDecision;
    for (const vary of ['ORIGIN', 'accept, origin', '*']) {
      expect(applied(decision, { Vary: vary }).Vary).toBe(vary);
    }
  });
});
