// Next.js answers an OPTIONS request to a route without an OPTIONS export with 204 and an
// `Allow` header. Once `withCors` exports OPTIONS, Next no longer does that itself, so a
// non-preflight OPTIONS (which belongs to the application, not to CORS) gets the same answer
// from us: the value Next would have sent, computed the way Next computes it.

/** The `Allow` value Next.js sends for a route that exports `methods`. */
export function nextAllowValue(methods: Iterable<string>): string {
  const allow = new Set(methods);
  allow.add('OPTIONS');
  if (allow.has('GET')) allow.add('HEAD');
  return [...allow].sort().join(', ');
}

/** Next's automatic answer to a non-preflight OPTIONS: 204, no body, `Allow`. */
export function nextDefaultOptions(allow: string): () => Response {
  return () => new Response(null, { status: 204, headers: { allow } });
}
