// What the engine reads from a request itself, beyond the headers every caller passes: only on
// the rare paths that need it (write protection, refusal reports), so callers do not read
// them on every request. The Fetch API has one way to read them; other frameworks give their own.

/** How the engine reads a request of type `Req`. */
export interface RequestAccess<Req> {
  /** The request method, as received. */
  method(request: Req): string;
  /** A request header by lowercase name; null or undefined when absent. */
  header(request: Req, name: string): string | null | undefined;
  /**
   * The request's host (`host[:port]`, as in a URL). Write protection compares it with
   * `Origin` when a browser sends no `Sec-Fetch-Site`.
   */
  host(request: Req): string;
}

/**
 * Reads a WHATWG Request. The host is the request URL's, which servers derive from the `Host`
 * header; behind a proxy that rewrites `Host`, that is the proxy's view of it.
 */
export const fetchRequestAccess: RequestAccess<Request> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name),
  host: (request) => new URL(request.url).host,
};
