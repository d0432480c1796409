// Rule 7: method matching follows the Fetch Standard. Browsers uppercase only DELETE, GET, HEAD,
// OPTIONS, POST and PUT; every other method is sent and compared byte for byte. GET, HEAD and
// POST pass the preflight without being listed. `allowMethods: '*'` is the literal '*' without
// credentials and the reflected method with them (browsers read '*' literally then).
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { preflightRequest } from './helpers.js';

const APP = 'https://myapp.es';

function preflight(options: Omit<CorsOptions, 'origin'>, acrm: string) {
  return cors({ origin: APP, ...options }).preflight(preflightRequest(APP, acrm)) as Response;
}

const table: { rule: string; options: Omit<CorsOptions, 'origin'>; acrm: string; acam: string | null }[] = [
  { rule: 'a listed method passes', options: { allowMethods: ['PUT'] }, acrm: 'PUT', acam: 'PUT' },
  { rule: "'PATCH' listed does not cover the 'patch' fetch() sends for method: 'patch'", options: { allowMethods: ['PATCH'] }, acrm: 'patch', acam: null },
  { rule: "'patch' listed covers exactly 'patch'", options: { allowMethods: ['patch'] }, acrm: 'patch', acam: 'patch' },
  { rule: "'patch' listed does not cover 'PATCH'", options: { allowMethods: ['patch'] }, acrm: 'PATCH', acam: null },
  { rule: 'the six normalized names are uppercased in the configuration', options: { allowMethods: ['delete', 'Put'] }, acrm: 'DELETE', acam: 'DELETE, PUT' },
  { rule: 'custom methods are case-sensitive', options: { allowMethods: ['PURGE'] }, acrm: 'Purge', acam: null },
  { rule: 'the default list includes PATCH', options: {}, acrm: 'PATCH', acam: 'GET, HEAD, POST, PUT, PATCH, DELETE' },
  { rule: 'the default list excludes custom methods', options: {}, acrm: 'PURGE', acam: null },
  { rule: 'GET needs no listing', options: { allowMethods: ['PUT'] }, acrm: 'GET', acam: 'PUT' },
  { rule: 'HEAD needs no listing', options: { allowMethods: [] }, acrm: 'HEAD', acam: '' },
  { rule: 'POST needs no listing', options: { allowMethods: ['DELETE'] }, acrm: 'POST', acam: 'DELETE' },
  { rule: "'*' without credentials sends the literal '*'", options: { allowMethods: '*' }, acrm: 'PURGE', acam: '*' },
  { rule: "'*' with credentials reflects the requested method", options: { allowMethods: '*', credentials: true }, acrm: 'PURGE', acam: 'PURGE' },
  { rule: "'*' with credentials reflects a lowercase method as sent", options: { allowMethods: '*', credentials: true }, acrm: 'patch', acam: 'patch' },
  { rule: "'*' never covers CONNECT (browsers never send it)", options: { allowMethods: '*' }, acrm: 'CONNECT', acam: null },
  { rule: "'*' never covers TRACE, whatever its case", options: { allowMethods: '*', credentials: true }, acrm: 'trace', acam: null },
  { rule: "'*' never covers an invalid method token", options: { allowMethods: '*' }, acrm: 'GET POST', acam: null },
  { rule: "'*' never covers an empty method", options: { allowMethods: '*', credentials: true }, acrm: '', acam: null },
];

describe('rule 7: preflight method matching', () => {
  it.each(table)('$rule', ({ options, acrm, acam }) => {
    const response = preflight(options, acrm);
    expect(response.status).toBe(acam === null ? 403 : 204);
    expect(response.headers.get('access-control-allow-methods')).toBe(acam);
    if (acam === null) expect(cors({ origin: APP, ...options }).engine.decide('OPTIONS', APP, acrm, null, undefined as never)).toMatchObject({ refusal: { reason: 'method', method: acrm } });
  });
});
