// The fetch() calls the rows make, named for what a page does.

import type { FetchCall } from '@portcullis/browser-model';
import type { Check } from '../../src/rows.js';

export const API = 'https://api.example/items/1';
export const OTHER = 'https://evil.example';
/** The origin of a sandboxed iframe, a data: document or a redirected request. */
export const OPAQUE = 'null';

type More = Omit<Partial<FetchCall>, 'origin'>;

/** `fetch(url)`: a simple GET, no preflight. */
export const get = (origin: string, more: More = {}): FetchCall => ({ origin, url: API, ...more });

/** `fetch(url, { credentials: 'include' })`. */
export const credentialedGet = (origin: string, more: More = {}): FetchCall => get(origin, { credentials: 'include', ...more });

/** A JSON write (`PUT` unless said): preflighted, for its method and its content-type. */
export const json = (origin: string, method = 'PUT', more: More = {}): FetchCall =>
  get(origin, { method, headers: { 'content-type': 'application/json' }, ...more });

/** A request with a custom header (`POST` unless said): preflighted for the header. */
export const withHeader = (origin: string, header: string, method = 'POST', more: More = {}): FetchCall =>
  get(origin, { method, headers: { [header]: 'x' }, ...more });

/** A form-like `POST` with cookies: no preflight, so it reaches the server whatever CORS says. */
export const credentialedPost = (origin: string): FetchCall =>
  get(origin, { method: 'POST', headers: { 'content-type': 'text/plain' }, credentials: 'include' });

/** `fetch(url, { method: 'OPTIONS' })`: preflighted, then an ordinary OPTIONS request. */
export const options = (origin: string): FetchCall => get(origin, { method: 'OPTIONS' });

/** The same in every guide: an ordinary OPTIONS request, which every peer answers itself. */
export const ordinaryOptionsChecks = (front: string): readonly Check[] => [
  {
    name: "fetch(url, { method: 'OPTIONS' }): the peer answers it itself, Portcullis lets the app answer",
    call: options(front),
    peer: { allowed: true, readable: [], reached: [] },
    portcullis: { allowed: true, readable: ['content-type'], reached: ['actual'] },
  },
];

/** The same in every guide: with credentials, another site's write never reaches the app. */
export const writeProtectionChecks = (front: string): readonly Check[] => [
  {
    name: "another site's form-like POST with the user's cookies runs the handler only with the peer",
    call: credentialedPost(OTHER),
    peer: { allowed: false, reached: ['actual'] },
    portcullis: { allowed: false, reached: [] },
    refusals: ['write.cross-origin'],
  },
  { name: "the front end's own POST", call: credentialedPost(front), peer: { allowed: true, reached: ['actual'] } },
];
