// What a browser would conclude from a response, for a request sent with credentials: judged
// by @portcullis/browser-model, the Fetch Standard's side written independently of core. Used to
// make sure every contender is configured to do the same thing before its time is compared.

import { judgePreflight, judgeResponse, planRequest } from '@portcullis/browser-model';

const URL_OF_ITEMS = 'http://127.0.0.1/items';

/** The comma-separated names of Access-Control-Request-Headers. */
function names(value) {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * 'not-cors' for a request without Origin; otherwise 'allowed' when a browser would let the
 * script read the response (or send the actual request after this preflight), else 'refused'.
 * `requestHeaders` are the raw headers of the request as a contender received them.
 */
export function browserVerdict(method, requestHeaders, response) {
  const origin = requestHeaders.origin;
  if (origin === undefined) return 'not-cors';
  const requestMethod = requestHeaders['access-control-request-method'];
  const isPreflight = method === 'OPTIONS' && requestMethod !== undefined;
  // The fetch() call a page would have made to send this request.
  const plan = planRequest({
    origin,
    url: URL_OF_ITEMS,
    method: isPreflight ? requestMethod : method,
    headers: isPreflight ? names(requestHeaders['access-control-request-headers']).map((name) => [name, 'x']) : [],
    credentials: 'include',
  });
  const answer = { status: response.status, headers: [...response.headers] };
  const judged = isPreflight && plan.preflight !== undefined ? judgePreflight(plan, answer) : judgeResponse(plan, answer);
  return judged.allowed ? 'allowed' : 'refused';
}
