// Method rules from the Fetch Standard: browsers uppercase only six method names and send
// every other method byte for byte, so matching is case-sensitive after that normalisation.

const NORMALIZED = new Map<string, string>(
  ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].map((m) => [m.toLowerCase(), m]),
);

/** Methods that never need to be listed: the CORS check lets them through on its own. */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** Methods a browser never sends, so allowing them is always a mistake. */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The method as a browser would send it: the six standard names uppercased, others as is. */
export function normalizeMethod(method: string): string {
  return NORMALIZED.get(method.toLowerCase()) ?? method;
}

/** Whether a browser refuses to send this method (compared case-insensitively, as fetch does). */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.has(method.toUpperCase());
}

export const DEFAULT_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
