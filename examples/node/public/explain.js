// @ts-check
// Reading what the API logged for one run: which exchange failed the browser's CORS checks,
// what the server said about it, and the message each browser prints on its console. Pure
// functions of the log, so the same reading works for any policy.

/** @typedef {import('./cards.js').Exchange} Exchange */

/**
 * @typedef {object} Failure
 * @property {'preflight-status' | 'preflight-origin' | 'method' | 'header' | 'origin' | 'credentials'} check
 *   which check of the Fetch Standard failed (https://fetch.spec.whatwg.org/#cors-check)
 * @property {Exchange} exchange the answer that failed it
 * @property {string} [name] the refused method or header
 */

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

/** @param {string | undefined} value */
function list(value) {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The first CORS check the browser failed, judged from the answers the API logged, or
 * undefined when every check passed. Mirrors the order in which browsers check: a
 * preflight's origin and status, its methods, its headers; then the response's origin and
 * credentials.
 * @param {readonly Exchange[]} exchanges
 * @param {{ origin: string, credentials: boolean }} request
 * @returns {Failure | undefined}
 */
export function failedCheck(exchanges, request) {
  for (const exchange of exchanges) {
    const headers = exchange.responseHeaders;
    const allowOrigin = headers['access-control-allow-origin'];
    const originPasses =
      allowOrigin === request.origin || (allowOrigin === '*' && !request.credentials);
    const credentialsPass = !request.credentials || headers['access-control-allow-credentials'] === 'true';
    if (exchange.kind === 'preflight') {
      if (!originPasses) return { check: 'preflight-origin', exchange };
      if (!credentialsPass) return { check: 'credentials', exchange };
      if (exchange.status < 200 || exchange.status > 299) return { check: 'preflight-status', exchange };
      const method = exchange.requestHeaders['access-control-request-method'] ?? '';
      const methods = list(headers['access-control-allow-methods']);
      const anyMethod = methods.includes('*') && !request.credentials;
      if (!SAFELISTED_METHODS.includes(method) && !methods.includes(method) && !anyMethod) {
        return { check: 'method', exchange, name: method };
      }
      const allowed = list(headers['access-control-allow-headers']).map((name) => name.toLowerCase());
      const anyHeader = allowed.includes('*') && !request.credentials;
      for (const name of list(exchange.requestHeaders['access-control-request-headers'])) {
        const covered = allowed.includes(name) || (anyHeader && name !== 'authorization');
        if (!covered) return { check: 'header', exchange, name };
      }
    } else {
      if (!originPasses) return { check: 'origin', exchange };
      if (!credentialsPass) return { check: 'credentials', exchange };
    }
  }
  return undefined;
}

/**
 * What each browser prints on its console for a failed check. Chromium's texts were measured
 * in this repository's test (test/playground.test.ts reads them from the console); Firefox's
 * are the messages it documents for the same checks, not measured here.
 * @param {Failure} failure
 * @param {{ url: string, origin: string, credentials: boolean }} request
 * @returns {{ chromium: string, firefox: string }}
 */
export function consoleMessages(failure, request) {
  const headers = failure.exchange.responseHeaders;
  const allowOrigin = headers['access-control-allow-origin'];
  const status = failure.exchange.status;
  const prefix = `Access to fetch at '${request.url}' from origin '${request.origin}' has been blocked by CORS policy: `;
  const preflight = "Response to preflight request doesn't pass access control check: ";
  const originText =
    allowOrigin === undefined
      ? "No 'Access-Control-Allow-Origin' header is present on the requested resource."
      : allowOrigin === '*' && request.credentials
        ? "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
        : `The 'Access-Control-Allow-Origin' header has a value '${allowOrigin}' that is not equal to the supplied origin. Have the server send the header with a valid value.`;
  const credentialsText = `The value of the 'Access-Control-Allow-Credentials' header in the response is '${headers['access-control-allow-credentials'] ?? ''}' which must be 'true' when the request's credentials mode is 'include'.`;
  const firefox = (/** @type {string} */ reason) =>
    `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${request.url}. (Reason: ${reason}). Status code: ${status}.`;
  const firefoxOrigin =
    allowOrigin === undefined
      ? 'CORS header ‘Access-Control-Allow-Origin’ missing'
      : `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${allowOrigin}’`;
  // Firefox checks a preflight's status before its headers; Chromium checks the origin first.
  const preflightFailed = failure.exchange.kind === 'preflight' && (status < 200 || status > 299);
  const firefoxPreflight = 'CORS preflight response did not succeed';
  switch (failure.check) {
    case 'preflight-origin':
      return { chromium: prefix + preflight + originText, firefox: firefox(preflightFailed ? firefoxPreflight : firefoxOrigin) };
    case 'preflight-status':
      return {
        chromium: prefix + preflight + 'It does not have HTTP ok status.',
        firefox: firefox(firefoxPreflight),
      };
    case 'method':
      return {
        chromium: `${prefix}Method ${failure.name} is not allowed by Access-Control-Allow-Methods in preflight response.`,
        firefox: firefox('Did not find method in CORS header ‘Access-Control-Allow-Methods’'),
      };
    case 'header':
      return {
        chromium: `${prefix}Request header field ${failure.name} is not allowed by Access-Control-Allow-Headers in preflight response.`,
        firefox: firefox(
          `header ‘${failure.name}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response`,
        ),
      };
    case 'origin':
      return { chromium: prefix + originText, firefox: firefox(firefoxOrigin) };
    case 'credentials':
      return {
        chromium: prefix + (failure.exchange.kind === 'preflight' ? preflight : '') + credentialsText,
        firefox: firefox(
          preflightFailed ? firefoxPreflight : 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’',
        ),
      };
  }
}

/**
 * The server's own explanation of a refusal: the `Portcullis-Refusal` header of the answer
 * that failed, or of any answer of the run (a refused write carries one too).
 * @param {readonly Exchange[]} exchanges
 * @param {Failure | undefined} failure
 * @returns {string | undefined}
 */
export function serverRefusal(exchanges, failure) {
  const own = failure?.exchange.responseHeaders['portcullis-refusal'];
  if (own !== undefined) return own;
  for (const exchange of exchanges) {
    const refusal = exchange.responseHeaders['portcullis-refusal'];
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

/**
 * A plain account of a failed check, for when the server said nothing itself (an actual
 * request from an origin it does not allow is answered without any CORS header).
 * @param {Failure} failure
 * @param {{ origin: string }} request
 */
export function describeFailure(failure, request) {
  const status = failure.exchange.status;
  switch (failure.check) {
    case 'preflight-origin':
    case 'origin':
      return `the answer (${status}) has no Access-Control-Allow-Origin for ${request.origin}: the policy does not allow this origin`;
    case 'preflight-status':
      return `the preflight was answered ${status}, not 2xx`;
    case 'method':
      return `the preflight's answer does not list the method ${failure.name}`;
    case 'header':
      return `the preflight's answer does not list the request header ${failure.name}`;
    case 'credentials':
      return 'the answer has no Access-Control-Allow-Credentials: true, which a request with cookies needs';
  }
}
