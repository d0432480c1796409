// Rule 10: a malformed Origin is just a disallowed origin: no exception, no 500, no CORS header.
import { describe, expect, it } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { cors, type CorsOptions } from '../src/index.js';
import { corsHeaders, request, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

const configs: { name: string; options: CorsOptions }[] = [
  { name: 'exact list with patterns', options: { origin: [APP, 'https://*.myapp.es', 'http://localhost:*'], credentials: true } },
  { name: 'RegExp', options: { origin: /^https:\/\/[a-z]+\.myapp\.es$/ } },
  { name: 'origin function that would allow anything', options: { origin: () => true } },
];

// Values a Headers object accepts (no NUL, CR or LF).
const viaRequest = [
  'garbage',
  '',
  'https://',
  'https://myapp.es/',
  'HTTPS://MYAPP.ES',
  'https://myapp.es:99999',
  'https://a..myapp.es',
  'https://a.myapp.es:',
  'https://[::1',
  'https://user@myapp.es',
  `https://${'a'.repeat(10 * 1024)}.myapp.es`,
  `https://${'a.'.repeat(5 * 1024)}myapp.es`,
  'https://a\x01.myapp.es',
  'https://a\x7f.myapp.es',
  'https://á.myapp.es',
  'https://myapp.es, https://evil.io',
];
// Values only a framework's raw header access (the low-level engine) could deliver.
const viaEngine = ['https://a.myapp.es\x00', 'https://a.myapp.es\r\nx: y', '\x00'.repeat(64), 'https://a.myapp.es\n'];

describe.each(configs)('rule 10: malformed Origin ($name)', ({ options }) => {
  it.each(viaRequest.map((o) => [o.length > 40 ? `${o.slice(0, 30)}… (${o.length} chars)` : JSON.stringify(o), o]))(
    'actual request with Origin %s: handler runs, no CORS header',
    async (_label, origin) => {
      let called = 0;
      const wrapped = cors(options).wrap(() => {
        called++;
        return new Response('ok');
      });
      // GET: a write from a malformed origin is refused by write protection (its own rule).
      const response = (await wrapped(request({ method: 'GET', origin }))) as Response;
      expect(called).toBe(1);
      expect(response.status).toBe(200);
      expect(corsHeaders(response)).toEqual([]);
      expect(varyTokens(response)).toEqual(['origin']);
    },
  );

  it.each(viaRequest.map((o) => [o.length > 40 ? `${o.slice(0, 30)}…` : JSON.stringify(o), o]))(
    'preflight with Origin %s: refused with 403',
    async (_label, origin) => {
      const response = (await cors(options).preflight(request({ method: 'OPTIONS', origin, acrm: 'PUT' }))) as Response;
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
    },
  );

  it.each(viaEngine.map((o) => [JSON.stringify(o).slice(0, 40), o]))('engine with Origin %s: refused for origin', async (_label, origin) => {
    const engine = createCorsEngine(options);
    expect(await engine.decideActual(origin, request())).toMatchObject({ kind: 'actual', allowed: false, refusal: { code: 'origin.malformed', origin } });
    expect(await engine.decidePreflight(origin, 'PUT', 'x', request())).toMatchObject({ kind: 'preflight', allowed: false, status: 403, refusal: { code: 'origin.malformed', origin } });
  });
});
