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
 * What a card says, from the policy in force: a title must never claim what the policy denies.
 * @typedef {(policy: Policy, context: Context) => string} Text
 */

/**
 * @typedef {object} Card
 * @property {string} name the `data-case` of its element
 * @property {Text} title
 * @property {Text} lesson what it shows, in one or two sentences
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

/**
 * A GET with a custom header: its title and lesson say whether allowHeaders lists it.
 * @param {string} name
 * @param {string} header
 * @param {string} value
 * @returns {Card}
 */
function customHeaderCard(name, header, value) {
  return {
    name,
    title: (policy) => `A custom header the API ${headerListed(policy.allowHeaders, header) ? 'allows' : 'does not allow'}: ${header}`,
    lesson: (policy) =>
      `Any header beyond the safelisted few is named in the preflight’s Access-Control-Request-Headers. ${
        headerListed(policy.allowHeaders, header)
          ? `allowHeaders lists ${header}, so the preflight passes and the request follows.`
          : `allowHeaders does not list ${header}: the preflight is refused and the request itself is never sent.`
      }`,
    from: 'playground',
    code: `const response = await fetch('API/api/hello', {
  headers: { '${header}': '${value}' },
});
return response.json();`,
    check: { path: '/api/hello', method: 'GET', headers: [header] },
    expect: (policy, context) => expectHeader(policy, context, header),
  };
}

/**
 * A request with a method that needs a preflight: its title says whether allowMethods lists it.
 * @param {string} name
 * @param {string} method
 * @param {string} [note] one more sentence for the lesson
 * @returns {Card}
 */
function methodCard(name, method, note = '') {
  return {
    name,
    title: (policy) => `A method the API ${methodListed(policy.allowMethods, method) ? 'allows' : 'does not allow'}: ${method}`,
    lesson: (policy) =>
      `Only GET, HEAD and POST go without a preflight: a ${method} needs the API’s consent, from allowMethods, which ${
        methodListed(policy.allowMethods, method) ? 'lists it' : 'does not list it, so the preflight is refused'
      }.${note}`,
    from: 'playground',
    code: `const response = await fetch('API/api/items/42', {
  method: '${method}',
  body: 'lamp',
});
return response.json();`,
    check: { path: '/api/items/42', method },
    expect: (policy, context) => expectMethod(policy, context, method),
  };
}

/**
 * Reading a response header: its title says whether exposeHeaders lists it.
 * @param {string} name
 * @param {string} header
 * @param {string[]} shown the headers worth showing on the wire
 * @returns {Card}
 */
function responseHeaderCard(name, header, shown) {
  return {
    name,
    title: (policy) => (exposed(policy, header) ? `A response header the API exposes: ${header}` : `A response header that stays hidden: ${header}`),
    lesson: (policy) =>
      `Beyond a few safelisted headers, a script reads only the response headers listed in Access-Control-Expose-Headers. ${
        exposed(policy, header)
          ? `exposeHeaders lists ${header}: the script reads it.`
          : `The API sends ${header}, but exposeHeaders does not list it: the script reads null.`
      }`,
    from: 'playground',
    code: `const response = await fetch('API/api/hello');
return response.headers.get('${header}');`,
    check: { path: '/api/hello', method: 'GET' },
    headers: shown,
    expect: (policy, context) =>
      originRefused(context) ??
      (exposed(policy, header)
        ? allowed(`${header} is in exposeHeaders`)
        : blocked(`${header} is not in exposeHeaders: the script reads null; to read it, add it to exposeHeaders`)),
    observe: readable,
  };
}

/** @type {readonly Card[]} */
export const cards = [
  {
    name: 'simple-get',
    title: () => 'A simple GET',
    lesson: () =>
      'No custom header, a safelisted method: the browser sends it without asking first, then shows the page the answer only if Access-Control-Allow-Origin names the page’s origin.',
    from: 'playground',
    code: `const response = await fetch('API/api/hello');
return response.json();`,
    check: { path: '/api/hello', method: 'GET' },
    expect: (_policy, context) => originRefused(context) ?? allowed(`${context.origins.playground} is allowed by origin`),
  },
  {
    name: 'json-post',
    title: () => 'A JSON POST: preflighted',
    lesson: () =>
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
  customHeaderCard('custom-header-allowed', 'x-user', 'ada'),
  customHeaderCard('custom-header-refused', 'x-debug', 'on'),
  methodCard('put', 'PUT'),
  methodCard('method-refused', 'PATCH', ' (Browsers uppercase only six method names: write PATCH, not patch.)'),
  responseHeaderCard('exposed-header', 'x-request-id', ['x-request-id']),
  responseHeaderCard('hidden-header', 'x-served-by', ['x-request-id', 'x-served-by']),
  {
    name: 'credentials',
    title: (policy) => `A request with a cookie: credentials ${policy.credentials === true ? 'allowed' : 'not allowed'}`,
    lesson: (policy) =>
      `credentials: "include" sends the API’s cookies; the browser then shows the answer only with Access-Control-Allow-Credentials: true and the exact origin, never *. ${
        policy.credentials === true ? 'The policy has credentials: true.' : 'The policy has credentials: false, so the answer lacks it.'
      }`,
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
    title: (_policy, context) => (context.allowed.other ? 'Another site the policy allows reads the API' : 'Another site reads the API'),
    lesson: (_policy, context) =>
      `The same simple GET, sent by a page on the other site (an iframe of this page). ${
        context.allowed.other
          ? 'Its origin is in the policy: the browser shows it the answer.'
          : 'Its origin is not in the policy: the API answers, the browser hides the answer.'
      }`,
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
    title: () => 'Another site’s form posts to the API',
    lesson: (policy, context) =>
      `CORS decides who may read, not who may send: a plain form POST needs no preflight and carries the cookie. ${
        context.allowed.other
          ? 'The policy allows that site, so its writes are trusted.'
          : policy.credentials === true
            ? 'With credentials on, Portcullis keeps it from ever reaching the handler (protectWrites).'
            : 'Without credentials, protectWrites is off: the form reaches the handler, and CORS only hides the answer.'
      }`,
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
