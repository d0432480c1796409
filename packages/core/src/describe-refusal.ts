import type { CorsRefusal } from './types.js';

/** A one-line, human-readable explanation of a refusal, for logs and refused-preflight bodies. */
export function describeRefusal(refusal: CorsRefusal): string {
  switch (refusal.reason) {
    case 'origin':
      return 'the origin is not allowed';
    case 'method':
      return `the method '${refusal.method}' is not allowed`;
    case 'header':
      return `the request header '${refusal.header}' is not allowed`;
    case 'malformed-request-headers':
      return `Access-Control-Request-Headers is malformed: ${refusal.detail}`;
    case 'oversized-request-headers':
      return `Access-Control-Request-Headers is too large: ${refusal.detail}`;
  }
}
