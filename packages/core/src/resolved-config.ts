// The configuration after validation, in the forms the engine compiles from, with the defaults
// filled in. The engine imports this module, never the validator.

import type { OriginPattern } from './parse-origin.js';
import type { OriginFunction, RefusalListener } from './types.js';

/** The default `maxAge`: long enough to spare most preflights, short enough for config changes to land. */
export const DEFAULT_MAX_AGE = 600;
/** The default `preflightStatus`: an empty answer says so. */
export const DEFAULT_PREFLIGHT_STATUS = 204;
/** The default `allowHeaders`: the one header a JSON API needs. */
export const DEFAULT_ALLOW_HEADERS: readonly string[] = ['content-type'];
/** The default `allowMethods`, which an adapter replaces by a route's own methods. */
export const DEFAULT_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The `origin` option, resolved: any origin, a compiled list, or the user's function. */
export type ResolvedOrigin<Req> =
  | { readonly kind: 'any' }
  | { readonly kind: 'list'; readonly patterns: readonly OriginPattern[]; readonly regexps: readonly RegExp[] }
  | { readonly kind: 'function'; readonly fn: OriginFunction<Req> };

/**
 * Allowed methods, as browsers send them. `default` means the user did not choose them, so an
 * adapter that knows a route's methods may advertise those instead (`withRouteMethods`).
 */
export type ResolvedMethods =
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'listed'; readonly names: readonly string[] }
  | { readonly kind: 'default'; readonly names: readonly string[] };

/**
 * A header list: lowercase names without duplicates, and whether `*` was given. Beside the
 * wildcard, allowHeaders keeps only `authorization` (the one name `*` does not cover).
 */
export interface ResolvedHeaders {
  /** Whether `*` was given. */
  readonly wildcard: boolean;
  /** Lowercase names, without duplicates. */
  readonly names: readonly string[];
}

/** A validated configuration, normalised to the forms the engine precomputes from. */
export interface ResolvedConfig<Req> {
  /** `origin`, resolved. */
  readonly origin: ResolvedOrigin<Req>;
  /** `allowMethods`, as browsers send them. */
  readonly allowMethods: ResolvedMethods;
  /** `allowHeaders`, lowercase. */
  readonly allowHeaders: ResolvedHeaders;
  /** `exposeHeaders`, lowercase. */
  readonly exposeHeaders: ResolvedHeaders;
  /** `credentials`. */
  readonly credentials: boolean;
  /** `maxAge`, in seconds. */
  readonly maxAge: number;
  /** `preflightStatus`. */
  readonly preflightStatus: number;
  /** The Cache-Control value of allowed preflight answers, or undefined for none. */
  readonly preflightCacheControl: string | undefined;
  /** `explainRefusals`. */
  readonly explainRefusals: boolean;
  /** `'log'` stays as given: each adapter logs where its runtime's logs go. */
  readonly onRefusal: 'log' | RefusalListener<Req> | undefined;
  /** `protectWrites`, with its default applied (never true with `origin: '*'`). */
  readonly protectWrites: boolean;
}
