// What a browser would conclude from a response, per the CORS check and the CORS-preflight
// fetch of the Fetch Standard, for a request sent with credentials. Used to make sure every
// contender is configured to do the same thing before its time is compared.

const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

function list(value) {
  if (value === null) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function passesCorsCheck(origin, response) {
  return (
    response.headers.get('access-control-allow-origin') === origin &&
    response.headers.get('access-control-allow-credentials') === 'true'
  );
}

/**
 * 'not-cors' for a request without Origin; otherwise 'allowed' when a browser would let the
 * script read the response (or send the actual request after this preflight), else 'refused'.
 */
export function browserVerdict(method, requestHeaders, response) {
  const origin = requestHeaders.origin;
  if (origin === undefined) return 'not-cors';
  const requestMethod = requestHeaders['access-control-request-method'];
  if (method !== 'OPTIONS' || requestMethod === undefined) {
    return passesCorsCheck(origin, response) ? 'allowed' : 'refused';
  }
  if (response.status < 200 || response.status > 299 || !passesCorsCheck(origin, response)) return 'refused';
  const methods = list(response.headers.get('access-control-allow-methods'));
  if (!SAFELISTED_METHODS.has(requestMethod) && !methods.includes(requestMethod)) return 'refused';
  const allowed = new Set(list(response.headers.get('access-control-allow-headers')).map((h) => h.toLowerCase()));
  for (const name of list(requestHeaders['access-control-request-headers'] ?? '')) {
    if (!allowed.has(name.toLowerCase())) return 'refused';
  }
  return 'allowed';
}
