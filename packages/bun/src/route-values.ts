// Bun's `routes` accepts several kinds of values, each served differently; the adapter must
// tell them apart at run time before it can wrap them.

import type { BunHandler } from './types.js';

/** The methods Bun dispatches in a per-method route object. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A per-method route entry: a handler or a static Response. */
export type MethodRouteValue = BunHandler | Response;

type RouteValue =
  /** A handler for every method of the path. */
  | { readonly kind: 'handler'; readonly handler: BunHandler }
  /** A Response Bun sends as is, whatever the method. */
  | { readonly kind: 'static'; readonly response: Response }
  /** `{ GET, PUT, ... }`: a handler or static Response per method. */
  | { readonly kind: 'methods'; readonly methods: Readonly<Record<string, MethodRouteValue>> }
  /**
   * Everything Bun serves by itself and a handler cannot reproduce (files with ranges and
   * conditional requests, directories, HTML bundles), and `false`, which sends the path to
   * `fetch`: left exactly as given.
   */
  | { readonly kind: 'native' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isMethodRouteValue(value: unknown): value is MethodRouteValue {
  return typeof value === 'function' || value instanceof Response;
}

export function classifyRouteValue(value: unknown): RouteValue {
  if (typeof value === 'function') return { kind: 'handler', handler: value as BunHandler };
  if (value instanceof Response) return { kind: 'static', response: value };
  if (isPlainObject(value)) {
    const methods: Record<string, MethodRouteValue> = {};
    let count = 0;
    for (const key of Object.keys(value)) {
      const entry = value[key];
      if (entry === undefined) continue;
      // `{ dir }` (a directory route) is a plain object too: only method names make a table.
      if (!ROUTE_METHODS.has(key) || !isMethodRouteValue(entry)) return { kind: 'native' };
      methods[key] = entry;
      count++;
    }
    if (count > 0) return { kind: 'methods', methods };
  }
  return { kind: 'native' };
}
