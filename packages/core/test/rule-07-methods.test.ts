// Rule 7: method matching follows the Fetch Standard. Browsers uppercase only DELETE, GET, HEAD,
// OPTIONS, POST and PUT; every other method is sent and compared byte for byte. GET, HEAD and
// POST pass the preflight without being listed. `allowMethods: '*'` is the literal '*' without
// credentials and the reflected method with them (browsers read '*' literally then).
import { describe, expect, it } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { cors, type CorsOptions } from '../src/index.js';
import { preflightRequest } from './helpers.js';

const APP = 'https://myapp.es';

function preflight(options: Omit<CorsOptions, 'origin'>, acrm: string) {
  return cors({ origin: APP, ...options }).preflight(preflightRequest(APP, acrm)) as Response;
}

/**
 * `refused`: the refusal's code, when the method is refused. A method a browser could send is
 * refused with an explained answer (2xx, ACAM listing what is allowed, which the browser's
 * method check fails); anything else with a bare 403.
 */
const table: { rule: string; options: Omit<CorsOptions, 'origin'>; acrm: string; acam: string | null; refused?: 'method.not-allowed' | 'method.invalid' }[] = [
  { rule: 'a listed method passes', options: { allowMethods: ['PUT'] }, acrm: 'PUT', acam: 'PUT' },
  { rule: "'PATCH' listed does not cover the 'patch' fetch() sends for method: 'patch'", options: { allowMethods: ['PATCH'] }, acrm: 'patch', acam: 'PATCH', refused: 'method.not-allowed' },
  { rule: "'patch' listed covers exactly 'patch'", options: { allowMethods: ['patch'] }, acrm: 'patch', acam: 'patch' },
  { rule: "'patch' listed does not cover 'PATCH'", options: { allowMethods: ['patch'] }, acrm: 'PATCH', acam: 'patch', refused: 'method.not-allowed' },
  { rule: 'the six normalized names are uppercased in the configuration', options: { allowMethods: ['delete', 'Put'] }, acrm: 'DELETE', acam: 'DELETE, PUT' },
  { rule: 'custom methods are case-sensitive', options: { allowMethods: ['PURGE'] }, acrm: 'Purge', acam: 'PURGE', refused: 'method.not-allowed' },
  { rule: 'the default list includes PATCH', options: {}, acrm: 'PATCH', acam: 'GET, HEAD, POST, PUT, PATCH, DELETE' },
  { rule: 'the default list excludes custom methods', options: {}, acrm: 'PURGE', acam: 'GET, HEAD, POST, PUT, PATCH, DELETE', refused: 'method.not-allowed' },
  { rule: 'GET needs no listing', options: { allowMethods: ['PUT'] }, acrm: 'GET', acam: 'PUT' },
  { rule: 'HEAD needs no listing', options: { allowMethods: [] }, acrm: 'HEAD', acam: null },
  { rule: 'an empty allowMethods sends no Access-Control-Allow-Methods, not an empty one', options: { allowMethods: [] }, acrm: 'GET', acam: null },
  { rule: 'an empty allowMethods refuses PUT without an empty Access-Control-Allow-Methods', options: { allowMethods: [] }, acrm: 'PUT', acam: null, refused: 'method.not-allowed' },
  { rule: 'POST needs no listing', options: { allowMethods: ['DELETE'] }, acrm: 'POST', acam: 'DELETE' },
  { rule: "'*' without credentials sends the literal '*'", options: { allowMethods: '*' }, acrm: 'PURGE', acam: '*' },
  { rule: "'*' with credentials reflects the requested method", options: { allowMethods: '*', credentials: true }, acrm: 'PURGE', acam: 'PURGE' },
  { rule: "'*' with credentials reflects a lowercase method as sent", options: { allowMethods: '*', credentials: true }, acrm: 'patch', acam: 'patch' },
  { rule: "'*' never covers CONNECT (browsers never send it)", options: { allowMethods: '*' }, acrm: 'CONNECT', acam: null, refused: 'method.invalid' },
  { rule: "'*' never covers TRACE, whatever its case", options: { allowMethods: '*', credentials: true }, acrm: 'trace', acam: null, refused: 'method.invalid' },
  { rule: "'*' never covers an invalid method token", options: { allowMethods: '*' }, acrm: 'GET POST', acam: null, refused: 'method.invalid' },
  { rule: "'*' never covers an empty method", options: { allowMethods: '*', credentials: true }, acrm: '', acam: null, refused: 'method.invalid' },
];

describe('rule 7: preflight method matching', () => {
  it.each(table)('$rule', ({ options, acrm, acam, refused }) => {
    const response = preflight(options, acrm);
    expect(response.status).toBe(refused === 'method.invalid' ? 403 : 204);
    expect(response.headers.get('access-control-allow-methods')).toBe(acam);
    const decision = createCorsEngine({ origin: APP, ...options }).decidePreflight(APP, acrm, null, new Request('https://api.myapp.es'));
    if (refused === undefined) expect(decision).toMatchObject({ allowed: true });
    else {
      expect(decision).toMatchObject({ allowed: false, refusal: { code: refused, origin: APP, method: acrm } });
      // The answer never lists the refused method itself, byte for byte.
      const listed = response.headers.get('access-control-allow-methods');
      if (listed !== null) expect(listed.split(', ')).not.toContain(acrm);
    }
  });
});

describe('rule 7: a refused method is explained with what Access-Control-Allow-Methods says', () => {
  // One source for both: the browser reads ACAM, the developer reads Portcullis-Refusal.
  it.each([
    { rule: 'a listed set', policy: cors({ origin: APP, allowMethods: ['PUT', 'DELETE'] }), acrm: 'PATCH' },
    { rule: 'the default list', policy: cors({ origin: APP }), acrm: 'PURGE' },
    { rule: "a route's methods, without GET or POST", policy: cors({ origin: APP }).withRouteMethods(['DELETE']), acrm: 'PATCH' },
    { rule: "a route's methods, with GET", policy: cors({ origin: APP }).withRouteMethods(['GET', 'PUT']), acrm: 'DELETE' },
  ])('$rule', ({ policy, acrm }) => {
    const response = policy.preflight(preflightRequest(APP, acrm)) as Response;
    const acam = response.headers.get('access-control-allow-methods');
    expect(acam).not.toBeNull();
    expect(response.headers.get('portcullis-refusal')).toBe(`method '${acrm}' is not allowed (allowed: ${acam})`);
  });

  it('with nothing listed, says that GET, HEAD and POST need no listing', () => {
    const response = cors({ origin: APP, allowMethods: [] }).preflight(preflightRequest(APP, 'PUT')) as Response;
    expect(response.headers.get('portcullis-refusal')).toBe("method 'PUT' is not allowed (allowed: none listed; GET, HEAD and POST need no listing)");
  });
});
