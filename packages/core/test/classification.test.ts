// One place classifies a request (https://fetch.spec.whatwg.org/#http-requests): engine.decide.
// Each row is a request as a browser (or another client) sends it, and the kind of decision
// the Fetch Standard's definitions lead to.
import { describe, expect, it } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { request } from './helpers.js';

const APP = 'https://myapp.es';
const engine = createCorsEngine({ origin: APP, credentials: true });
const open = createCorsEngine({ origin: APP });

const rows = [
  { rule: 'no Origin: not a CORS request', parts: { method: 'GET' }, kind: 'not-cors' },
  { rule: 'OPTIONS without Origin: not a CORS request, even with ACRM', parts: { method: 'OPTIONS', acrm: 'PUT' }, kind: 'not-cors' },
  { rule: 'OPTIONS with Origin and ACRM: a preflight', parts: { method: 'OPTIONS', origin: APP, acrm: 'PUT' }, kind: 'preflight' },
  { rule: 'OPTIONS with Origin, without ACRM: the application’s own OPTIONS, an actual request', parts: { method: 'OPTIONS', origin: APP }, kind: 'actual' },
  { rule: 'GET with Origin and ACRM: not a preflight (only OPTIONS is)', parts: { method: 'GET', origin: APP, acrm: 'PUT' }, kind: 'actual' },
  { rule: 'a cross-site write with credentials protected: refused before the handler', parts: { method: 'POST', origin: 'https://evil.example', headers: { 'sec-fetch-site': 'cross-site' } }, kind: 'write' },
  { rule: 'a cross-site write without Origin but with Sec-Fetch-Site: refused', parts: { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } }, kind: 'write' },
  { rule: 'a write from the allowed origin: an actual request', parts: { method: 'POST', origin: APP, headers: { 'sec-fetch-site': 'same-site' } }, kind: 'actual' },
] as const;

describe('engine.decide classifies once, as the Fetch Standard defines requests', () => {
  it.each(rows)('$rule', ({ parts, kind }) => {
    expect(engine.decide(request(parts))).toMatchObject({ kind });
  });

  it('gives the same decisions as the lower-level calls it classifies for', () => {
    const preflight = request({ method: 'OPTIONS', origin: APP, acrm: 'PUT', acrh: 'content-type' });
    expect(engine.decide(preflight)).toEqual(engine.decidePreflight(APP, 'PUT', 'content-type', preflight));
    const read = request({ origin: 'https://evil.example' });
    expect(engine.decide(read)).toEqual(engine.decideActual('https://evil.example', read));
    expect(engine.decide(request())).toBe(engine.noOrigin);
  });

  it('never refuses a write when the policy does not protect writes', () => {
    const write = request({ method: 'POST', origin: 'https://evil.example', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(open.decide(write)).toMatchObject({ kind: 'actual', allowed: false });
  });
});
