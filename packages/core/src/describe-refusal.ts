import { isToken } from './http-tokens.js';
import type { CorsRefusal } from './types.js';

/**
 * The response header that carries `describeRefusal`'s text on a refused preflight. A header
 * rather than a body: DevTools shows a failed preflight's headers, and an empty 403 is cheaper
 * to send to whoever floods us with absurd preflights.
 */
export const REFUSAL_HEADER = 'portcullis-refusal';

/** Longest method or header name repeated in a reason: a reason explains, it does not mirror. */
const MAX_ECHOED_NAME = 64;

function echo(name: string): string | undefined {
  return name.length <= MAX_ECHOED_NAME && isToken(name) ? `'${name}'` : undefined;
}

/** A one-line, human-readable explanation of a refusal, for logs and the refusal header. */
export function describeRefusal(refusal: CorsRefusal): string {
  switch (refusal.reason) {
    case 'origin':
      return 'the origin is not allowed';
    case 'method': {
      const method = echo(refusal.method);
      return method === undefined ? 'the requested method is not allowed' : `the method ${method} is not allowed`;
    }
    case 'header': {
      const header = echo(refusal.header);
      return header === undefined ? 'a requested header is not allowed' : `the request header ${header} is not allowed`;
    }
    case 'malformed-request-headers':
      return `Access-Control-Request-Headers is malformed: ${refusal.detail}`;
    case 'oversized-request-headers':
      return `Access-Control-Request-Headers is too large: ${refusal.detail}`;
  }
}
