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
 * What each browser prints on its console for a failed check. Chromium's texts are checked
 * against Chromium's console by test/console-messages.test.ts; Firefox's were measured by
 * hand on Firefox ESR 153 (puppeteer-core over WebDriver BiDi) for the same answers.
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
  const wildcardWithCredentials = allowOrigin === '*' && request.credentials;
  const originText =
    allowOrigin === undefined
      ? "No 'Access-Control-Allow-Origin' header is present on the requested resource."
      : wildcardWithCredentials
        ? "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
        : `The 'Access-Control-Allow-Origin' header has a value '${allowOrigin}' that is not equal to the supplied origin. Have the server send the header with a valid value.`;
  const credentialsText = `The value of the 'Access-Control-Allow-Credentials' header in the response is '${headers['access-control-allow-credentials'] ?? ''}' which must be 'true' when the request's credentials mode is 'include'.`;

  // Firefox names the status only for a missing Access-Control-Allow-Origin and a failed
  // preflight, and quotes the URL only in its message about credentials and '*'.
  const firefox = (/** @type {string} */ reason, withStatus = false) =>
    `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${request.url}. (Reason: ${reason}).${withStatus ? ` Status code: ${status}.` : ''}`;
  const firefoxOrigin =
    allowOrigin === undefined
      ? firefox('CORS header ‘Access-Control-Allow-Origin’ missing', true)
      : wildcardWithCredentials
        ? `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${request.url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`
        : firefox(`CORS header ‘Access-Control-Allow-Origin’ does not match ‘${allowOrigin}’`);

  switch (failure.check) {
    case 'preflight-origin':
      return { chromium: prefix + preflight + originText, firefox: firefoxOrigin };
    case 'preflight-status':
      return {
        chromium: prefix + preflight + 'It does not have HTTP ok status.',
        firefox: firefox('CORS preflight response did not succeed', true),
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
      return { chromium: prefix + originText, firefox: firefoxOrigin };
    case 'credentials':
      return {
        chromium: prefix + (failure.exchange.kind === 'preflight' ? preflight : '') + credentialsText,
        firefox: firefox('expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’'),
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
