// Rule 5: an actual request from a disallowed origin still reaches the handler, but its response
// carries no Access-Control-* header at all (never ACAO: null) and does carry Vary: Origin.
// These are reads (GET); a write from such an origin is write protection's business
// (write-protection.test.ts).
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { corsHeaders, recordingHandler, request, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

const configs: { name: string; options: CorsOptions }[] = [
  { name: 'exact origin', options: { origin: APP } },
  { name: 'list with credentials and expose', options: { origin: [APP, 'https://*.myapp.es'], credentials: true, exposeHeaders: ['x-a'] } },
  { name: 'RegExp', options: { origin: /^https:\/\/(?:www\.)?myapp\.es$/ } },
  { name: 'origin function refusing', options: { origin: () => false } },
  { name: 'origin function returning a truthy non-boolean', options: { origin: (() => 'yes') as unknown as () => boolean } },
  { name: 'origin function returning null, the hono style of refusing', options: { origin: (() => null) as unknown as () => boolean } },
  { name: 'async origin function refusing', options: { origin: async () => false } },
];
const origins = ['https://evil.io', 'null', 'https://barfoo.es', 'http://myapp.es'];

describe.each(configs)('rule 5: disallowed origin ($name)', ({ options }) => {
  it.each(origins)('%s: handler runs, no Access-Control-* header, Vary: Origin', async (origin) => {
    const { handler, calls } = recordingHandler({
      status: 200,
      // A handler (or framework) that set its own CORS headers must not leak them.
      headers: { 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true', vary: 'accept' },
    });
    const response = (await cors(options).wrap(handler)(request({ method: 'GET', origin }))) as Response;
    expect(calls).toHaveLength(1);
    expect(await response.text()).toBe('handler');
    expect(corsHeaders(response)).toEqual([]);
    expect(varyTokens(response)).toEqual(['accept', 'origin']);
  });
});
