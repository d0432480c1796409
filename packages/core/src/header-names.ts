// Header name rules from the Fetch Standard.

const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** Whether scripts can never set this request header (so allowing it means nothing). */
export function isForbiddenRequestHeader(lowercaseName: string): boolean {
  return (
    FORBIDDEN_REQUEST_HEADERS.has(lowercaseName) ||
    lowercaseName.startsWith('proxy-') ||
    lowercaseName.startsWith('sec-')
  );
}

/** Response headers that browsers never expose to scripts, whatever the server says. */
export const NEVER_EXPOSED_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2']);

/** The one request header that a `*` in Access-Control-Allow-Headers never covers. */
export const NEVER_WILDCARDED_REQUEST_HEADER = 'authorization';
