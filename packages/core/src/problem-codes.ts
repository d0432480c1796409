// The configuration problems, as a closed union: every code any package reports in a
// CorsConfigError, each documented once, here. Codes are `<area>.<rule>`. test/problem-codes
// checks that every member is documented and produced by a configuration.

/** The stable identifier of a configuration problem: `CorsConfigProblem.code`. */
export type CorsConfigProblemCode =
  // ── the options themselves ────────────────────────────────────────────────────────────────
  /** The options are not an object (e.g. `cors()`, or a per-request callback: use corsByRequest). */
  | 'options.not-an-object'
  /** An option name another CORS library uses for one of ours (`allowedHeaders`, `methods`). */
  | 'option.renamed'
  /** An option another library has and Portcullis does not, with what to do instead. */
  | 'option.unsupported'
  /** An option name nobody knows; the fix names the closest known one. */
  | 'option.unknown'
  /** A boolean option given something else (`credentials: 'true'`). */
  | 'option.not-a-boolean'
  /** A number outside its range (`maxAge`, `preflightStatus`). */
  | 'option.out-of-range'
  /** `preflightCacheControl` that is neither a Cache-Control value nor a number of seconds. */
  | 'option.invalid-cache-control'
  /** `onRefusal` that is neither `'log'` nor a function. */
  | 'option.invalid-listener'
  // ── origin ────────────────────────────────────────────────────────────────────────────────
  /** No `origin`: there is no safe default for which sites may read. */
  | 'origin.missing'
  /** `origin: []` allows nothing. */
  | 'origin.empty-list'
  /** `origin: true` would reflect every origin. */
  | 'origin.reflect-all'
  /** `origin: false` allows nothing; not wrapping the handler says so. */
  | 'origin.none'
  /** `'*'` in a list beside other origins. */
  | 'origin.wildcard-in-list'
  /** `'*'` with `credentials: true`, which browsers refuse. */
  | 'origin.wildcard-with-credentials'
  /** A list entry that is neither a string nor a RegExp. */
  | 'origin.invalid-entry'
  /** Several origins in one string (`'https://a.es, https://b.es'`). */
  | 'origin.comma-list'
  /** `'null'`, the opaque origin any sandboxed document can send. */
  | 'origin.null'
  /** A `file:` origin, which browsers send as `null`. */
  | 'origin.file'
  /** No `scheme://` before the host. */
  | 'origin.no-scheme'
  /** A scheme that is not a URL scheme. */
  | 'origin.invalid-scheme'
  /** A scheme whose documents send `null` (`ws:`, `foo:`). */
  | 'origin.unsupported-scheme'
  /** White space or control characters. */
  | 'origin.white-space'
  /** An uppercase scheme or host: browsers send them lowercase. */
  | 'origin.uppercase'
  /** A trailing `/`: an origin has no path. */
  | 'origin.trailing-slash'
  /** A path after the host: an origin has none. */
  | 'origin.path'
  /** A query after the host: an origin has none. */
  | 'origin.query'
  /** A fragment after the host: an origin has none. */
  | 'origin.fragment'
  /** `user:password@`, which an origin never carries. */
  | 'origin.user-info'
  /** An unterminated or invalid IPv6 address. */
  | 'origin.invalid-ipv6'
  /** A host name with characters no host has, or one no browser loads. */
  | 'origin.invalid-host'
  /** No host after the scheme. */
  | 'origin.no-host'
  /** A `:` without a port. */
  | 'origin.empty-port'
  /** A port that is not digits. */
  | 'origin.invalid-port'
  /** A port outside 1..65535. */
  | 'origin.port-out-of-range'
  /** A port with leading zeros. */
  | 'origin.port-leading-zeros'
  /** The scheme's default port, which browsers omit. */
  | 'origin.default-port'
  /** A `*` anywhere but the whole first label or the port. */
  | 'origin.misplaced-wildcard'
  /** A non-ASCII host: browsers send punycode. */
  | 'origin.non-ascii-host'
  /** A host ending with a dot. */
  | 'origin.trailing-dot'
  /** An empty label (`a..es`). */
  | 'origin.empty-label'
  /** `*.` before an IP address. */
  | 'origin.ip-subdomains'
  /** A host browsers serialize otherwise (`127.1`, uncompressed IPv6). */
  | 'origin.not-canonical'
  /** A credentialed wildcard under a shared suffix of the Public Suffix List (`https://*.github.io`). */
  | 'origin.credentialed-shared-suffix'
  /** A plain-http origin other than loopback with credentials. */
  | 'origin.insecure-with-credentials'
  // ── RegExp origins ────────────────────────────────────────────────────────────────────────
  /** The `g` or `y` flag, which makes `test()` alternate. */
  | 'regexp.stateful-flag'
  /** Not anchored with `^...$`. */
  | 'regexp.unanchored'
  /** A top-level `|` whose alternatives are not all anchored. */
  | 'regexp.partly-anchored'
  /** Anchored without a scheme: can never match. */
  | 'regexp.no-scheme'
  /** An unescaped `.` (or `.*`) in a host. */
  | 'regexp.unescaped-dot'
  /** Matching can take time exponential or polynomial in the Origin's length (ReDoS). */
  | 'regexp.backtracking'
  /** Syntax the backtracking check cannot model (a back-reference, a repeating lookaround). */
  | 'regexp.unchecked-syntax'
  /** With credentials, a RegExp that does not pin the host to a suffix. */
  | 'regexp.credentials-unpinned'
  /** With credentials, a RegExp that allows every site under a shared suffix. */
  | 'regexp.credentials-shared-suffix'
  // ── methods and headers ───────────────────────────────────────────────────────────────────
  /** `allowMethods` that is neither a list nor `'*'`. */
  | 'methods.not-a-list'
  /** `'*'` among method names. */
  | 'methods.wildcard-in-list'
  /** A method that is not an HTTP token. */
  | 'methods.invalid'
  /** CONNECT, TRACE or TRACK, which browsers never send. */
  | 'methods.forbidden'
  /** A header list that is neither a list nor `'*'`. */
  | 'headers.not-a-list'
  /** A header name that is not an HTTP token. */
  | 'headers.invalid'
  /** A forbidden request header in `allowHeaders` (`cookie`, `sec-*`). */
  | 'headers.forbidden-request-header'
  /** A header scripts never read in `exposeHeaders` (`set-cookie`). */
  | 'headers.never-exposed'
  /** `exposeHeaders: '*'` with credentials, which exposes nothing. */
  | 'headers.expose-wildcard-with-credentials'
  // ── write protection ──────────────────────────────────────────────────────────────────────
  /** `protectWrites: true` with `origin: '*'`, where no write is ever refused. */
  | 'writes.any-origin'
  // ── @portcullis/fastify ───────────────────────────────────────────────────────────────────
  /** The plugin's `preflight` that is not a boolean. */
  | 'option.invalid-preflight'
  /** `policies` that is not an object of named policies (or a named policy that is not options). */
  | 'policies.invalid'
  /** A route's `config.cors` that is neither `false` nor options. */
  | 'route.invalid-cors'
  /** Variants of one route (by constraint) whose `config.cors` differ. */
  | 'route.variants-differ'
  /** A route's `config.cors` outside the scope of every registration of the plugin. */
  | 'route.outside-scope'
  // ── @portcullis/next ──────────────────────────────────────────────────────────────────────
  /** `withCors` given something other than an object of route handlers. */
  | 'handlers.not-an-object'
  /** A handler under a name Next.js does not route to (`get`, `FETCH`). */
  | 'handlers.unknown-method'
  /** A handler that is not a function. */
  | 'handlers.not-a-function'
  /** No route handler at all. */
  | 'handlers.empty'
  // ── @portcullis/bun ───────────────────────────────────────────────────────────────────────
  /** `withCors` given a method table (`{ GET, DELETE }`), a route value Bun would serve without CORS. */
  | 'target.method-table'
  /** `withCors` given a static `Response`, which it cannot serve on its own. */
  | 'target.static-response'
  /** `withCors` given neither a handler nor the `Bun.serve` options. */
  | 'target.not-servable';
