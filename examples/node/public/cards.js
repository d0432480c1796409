// @ts-check
// The cases the playground runs, one card each. A card's `code` is the body of an async
// function, run as it is shown: in this page, or in the page of the other site. `API/`
// stands for the API's origin; the runner adds `?run=<id>` to each such URL so that the API's
// log can tell the playground what it received (and no cached preflight hides a change).
// `expect` says what the policy in force should do with the request, and why.

/**
 * What the API logged for one request (src/playground/request-log.ts).
 * @typedef {object} Exchange
 * @property {'preflight' | 'request'} kind
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} requestHeaders
 * @property {boolean} reachedHandler
 * @property {number} status
 * @property {Record<string, string>} responseHeaders
 */

/**
 * The policy as the editor sends it to `cors()`.
 * @typedef {object} Policy
 * @property {string | string[]} origin
 * @property {string[] | '*'} [allowMethods]
 * @property {string[] | '*'} [allowHeaders]
 * @property {string[] | '*'} [exposeHeaders]
 * @property {boolean} [credentials]
 * @property {number} [maxAge]
 */

/**
 * @typedef {object} Context
 * @property {{ api: string, playground: string, other: string }} origins
 * @property {{ playground: boolean, other: boolean }} allowed whether the policy allows each page's origin (asked of core)
 */

/** @typedef {'allowed' | 'blocked'} Result */
/** @typedef {{ value?: unknown, error?: string }} Outcome what the card's code returned, or the error it threw */
/** @typedef {{ result: Result, because: string }} Expectation */

/**
 * @typedef {object} Card
 * @property {string} name the `data-case` of its element
 * @property {string} title
 * @property {string} lesson what it shows, in one or two sentences
 * @property {'playground' | 'other'} from the page that sends the request
 * @property {string} code
 * @property {boolean} [credentials] whether the request carries cookies
 * @property {{ path: string, method: string, headers?: string[] }} check the request, for `portcullis check`
 * @property {string[]} [headers] headers worth showing on the wire for this card, besides the CORS ones
 * @property {boolean} [navigation] whether the request is a navigation (a form), which CORS does not govern
 * @property {string} [mismatch] what it means when the browser does not do what the policy says
 * @property {(policy: Policy, context: Context) => Expectation} expect
 * @property {(outcome: Outcome, exchanges: readonly Exchange[]) => Result} [observe]
 *   the result the browser produced; by default, `allowed` when the code returned
 */

/**
 * @param {string[] | '*' | undefined} value
 * @param {string} method
 */
const methodListed = (value, method) => value === '*' || (value ?? []).includes(method);

/**
 * @param {string[] | '*' | undefined} value
 * @param {string} header
 */
const headerListed = (value, header) =>
  value === '*' || (value ?? []).some((name) => name.toLowerCase() === header) || (Array.isArray(value) && value.includes('*'));

/**
 * The first reason a request from the playground is blocked, whatever it asks for.
 * @param {Context} context
 * @returns {Expectation | undefined}
 */
function originRefused(context) {
  if (context.allowed.playground) return undefined;
  return { result: 'blocked', because: `${context.origins.playground} is not in origin: Portcullis sends it no CORS headers` };
}

/** @type {(because: string) => Expectation} */
const allowed = (because) => ({ result: 'allowed', because });
/** @type {(because: string) => Expectation} */
const blocked = (because) => ({ result: 'blocked', because });

/**
 * @param {Policy} policy
 * @param {Context} context
 * @param {string} header
 */
function expectHeader(policy, context, header) {
  return (
    originRefused(context) ??
    (headerListed(policy.allowHeaders, header)
      ? allowed(`${header} is in allowHeaders, so the preflight passes`)
      : blocked(`${header} is not in allowHeaders, so Portcullis refuses the preflight; to allow it, add '${header}' to allowHeaders`))
  );
}

/**
 * @param {Policy} policy
 * @param {Context} context
 * @param {string} method
 */
function expectMethod(policy, context, method) {
  return (
    originRefused(context) ??
    (methodListed(policy.allowMethods, method)
      ? allowed(`${method} is in allowMethods, so the preflight passes`)
      : blocked(`${method} is not in allowMethods, so Portcullis refuses the preflight; to allow it, add '${method}' to allowMethods`))
  );
}

/**
 * @param {Policy} policy
 * @param {string} header
 */
const exposed = (policy, header) => headerListed(policy.exposeHeaders, header);

/** @param {Outcome} outcome */
const readable = (outcome) => (outcome.error === undefined && outcome.value !== null ? 'allowed' : 'blocked');

/** @type {readonly Card[]} */
export const cards = [
  {
    name: 'simple-get',
    title: 'A simple GET',
    lesson:
      'No custom header, a safelisted method: the browser sends it without asking first, then shows the page the answer only if Access-Control-Allow-Origin names the page’s origin.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello');
return response.json();`,
    check: { path: '/api/hello', method: 'GET' },
    expect: (_policy, context) => originRefused(context) ?? allowed(`${context.origins.playground} is allowed by origin`),
  },
  {
    name: 'json-post',
    title: 'A JSON POST: preflighted',
    lesson:
      'Content-Type: application/json is not one of the three form types, so the browser first sends a preflight (OPTIONS) asking whether it may.',
    from: 'playground',
    code: `const response = await fetch('API/api/items', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'lamp' }),
});
return response.json();`,
    check: { path: '/api/items', method: 'POST', headers: ['content-type'] },
    expect: (policy, context) => expectHeader(policy, context, 'content-type'),
  },
  {
    name: 'custom-header-allowed',
    title: 'A custom header the API allows',
    lesson: 'Any header beyond the safelisted few is named in the preflight’s Access-Control-Request-Headers.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello', {
  headers: { 'x-user': 'ada' },
});
return response.json();`,
    check: { path: '/api/hello', method: 'GET', headers: ['x-user'] },
    expect: (policy, context) => expectHeader(policy, context, 'x-user'),
  },
  {
    name: 'custom-header-refused',
    title: 'A custom header it does not allow',
    lesson: 'The same request with another header: the preflight is refused and the request itself is never sent.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello', {
  headers: { 'x-debug': 'on' },
});
return response.json();`,
    check: { path: '/api/hello', method: 'GET', headers: ['x-debug'] },
    expect: (policy, context) => expectHeader(policy, context, 'x-debug'),
  },
  {
    name: 'put',
    title: 'A PUT',
    lesson: 'Only GET, HEAD and POST go without a preflight: a PUT needs the API’s consent, from allowMethods.',
    from: 'playground',
    code: `const response = await fetch('API/api/items/42', {
  method: 'PUT',
  body: 'lamp',
});
return response.json();`,
    check: { path: '/api/items/42', method: 'PUT' },
    expect: (policy, context) => expectMethod(policy, context, 'PUT'),
  },
  {
    name: 'method-refused',
    title: 'A method it does not allow',
    lesson: 'PATCH is not in allowMethods. (Browsers uppercase only six method names: write PATCH, not patch.)',
    from: 'playground',
    code: `const response = await fetch('API/api/items/42', {
  method: 'PATCH',
  body: 'lamp',
});
return response.json();`,
    check: { path: '/api/items/42', method: 'PATCH' },
    expect: (policy, context) => expectMethod(policy, context, 'PATCH'),
  },
  {
    name: 'exposed-header',
    title: 'An exposed response header',
    lesson: 'Beyond a few safelisted headers, a script reads only the response headers listed in Access-Control-Expose-Headers.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello');
return response.headers.get('x-request-id');`,
    check: { path: '/api/hello', method: 'GET' },
    headers: ['x-request-id'],
    expect: (policy, context) =>
      originRefused(context) ??
      (exposed(policy, 'x-request-id')
        ? allowed('x-request-id is in exposeHeaders')
        : blocked('x-request-id is not in exposeHeaders: the script reads null')),
    observe: readable,
  },
  {
    name: 'hidden-header',
    title: 'A response header that stays hidden',
    lesson: 'The API sends x-served-by on the same response, but does not expose it: the script reads null.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello');
return response.headers.get('x-served-by');`,
    check: { path: '/api/hello', method: 'GET' },
    headers: ['x-request-id', 'x-served-by'],
    expect: (policy, context) =>
      originRefused(context) ??
      (exposed(policy, 'x-served-by')
        ? allowed('x-served-by is in exposeHeaders')
        : blocked('x-served-by is not in exposeHeaders: the script reads null; to read it, add it to exposeHeaders')),
    observe: readable,
  },
  {
    name: 'credentials',
    title: 'A request with a cookie',
    lesson:
      'credentials: "include" sends the API’s cookies; the browser then shows the answer only with Access-Control-Allow-Credentials: true and the exact origin, never *.',
    from: 'playground',
    credentials: true,
    code: `// Log in: the answer sets a session cookie.
await fetch('API/api/session', { method: 'POST', credentials: 'include' });
// Then send it along.
const response = await fetch('API/api/me', { credentials: 'include' });
return response.json();`,
    check: { path: '/api/me', method: 'GET' },
    expect: (policy, context) =>
      originRefused(context) ??
      (policy.credentials === true
        ? allowed('credentials is true: the answer carries Access-Control-Allow-Credentials: true')
        : blocked('credentials is false: the answer carries no Access-Control-Allow-Credentials, so the browser hides it; set credentials: true')),
    observe: (outcome) =>
      outcome.error === undefined && /** @type {{ user?: unknown }} */ (outcome.value)?.user === 'ada' ? 'allowed' : 'blocked',
  },
  {
    name: 'other-origin-read',
    title: 'Another site reads the API',
    lesson:
      'The same simple GET, sent by a page on the other site (an iframe of this page). Its origin is not in the policy: the API answers, the browser hides the answer.',
    from: 'other',
    code: `const response = await fetch('API/api/hello');
return response.json();`,
    check: { path: '/api/hello', method: 'GET' },
    expect: (policy, context) =>
      context.allowed.other
        ? allowed(`${context.origins.other} is allowed by origin`)
        : blocked(`${context.origins.other} is not in origin: Portcullis sends it no CORS headers`),
  },
  {
    name: 'other-origin-form',
    title: 'Another site’s form posts to the API',
    lesson:
      'CORS decides who may read, not who may send: a plain form POST needs no preflight and carries the cookie. With credentials on, Portcullis must keep it from ever reaching the handler (protectWrites).',
    from: 'other',
    code: `const form = document.createElement('form');
form.method = 'POST';
form.action = 'API/api/transfer';
form.target = 'sink'; // an iframe: the page stays
form.innerHTML = '<input name="amount" value="100">';
document.body.append(form);
form.submit();
const sink = document.getElementById('sink');
await new Promise((loaded) => (sink.onload = loaded));
return 'submitted';`,
    check: { path: '/api/transfer', method: 'POST' },
    headers: ['sec-fetch-site'],
    navigation: true,
    mismatch:
      'The form reached the handler, cookie and all: this @portcullis/core does not refuse cross-origin writes (protectWrites) yet.',
    expect: (policy, context) =>
      context.allowed.other
        ? allowed(`${context.origins.other} is allowed by origin, so its writes are trusted`)
        : policy.credentials === true
          ? blocked('credentials: true turns on protectWrites: a write from an origin the policy does not allow is refused before the handler')
          : allowed('without credentials (and protectWrites), a cross-site form reaches the handler: CORS only hides the answer'),
    // The page cannot see whether a form POST got through; the API's log says whether the
    // handler ran.
    observe: (_outcome, exchanges) => (exchanges.some((exchange) => exchange.reachedHandler) ? 'allowed' : 'blocked'),
  },
];
