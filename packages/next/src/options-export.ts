// Next.js answers OPTIONS itself, 204 with `Allow` and no CORS header, unless the route module
// exports OPTIONS. So a route that exports `GET` and `POST` from `withCors` but not its
// `OPTIONS` type-checks, builds, and fails every preflight. The module's exports are Next's to
// read, not ours; what `withCors` can see is whether its own result's `OPTIONS` was ever read.
// `export const { GET, POST, OPTIONS } = withCors(...)` reads it in the same statement, so by
// the time the statement is over a route that never will is known, and said once: when
// `next build` loads the module, and when the server first loads it for a request.

/** Defines `route.OPTIONS` as `handler`, and reports a route module that never takes it. */
export function offerOptions(route: Record<string, unknown>, handler: unknown, methods: readonly string[]): void {
  let taken = false;
  Object.defineProperty(route, 'OPTIONS', {
    enumerable: true,
    get() {
      taken = true;
      return handler;
    },
  });
  queueMicrotask(() => {
    if (taken) return;
    const names = methods.filter((method) => method !== 'OPTIONS');
    const taking = names.length > 0 ? names.join(', ') : 'nothing';
    console.error(
      `portcullis: a route module takes ${taking} from withCors but not its OPTIONS, ` +
        'so Next.js answers every preflight there itself, without CORS headers, and browsers refuse its ' +
        'cross-origin requests that need one (PUT, PATCH, DELETE, a JSON POST, an Authorization header); ' +
        `fix: export const { ${[...names, 'OPTIONS'].join(', ')} } = withCors(...)`,
    );
  });
}
