// Where the plugin is registered: at the root, in encapsulated or prefixed plugins, or several
// of these, each with its own policy. A registration governs the routes of its scope (its
// encapsulation context and the ones inside it) unless an inner registration does; a request
// no route serves (a 404, a preflight for a missing route) belongs to the registration whose
// prefix covers its URL.
//
// Fastify builds each encapsulation context with `Object.create(parent)`
// (lib/plugin-override.js), so a property set on a context is seen by the contexts inside it,
// and the root context is the end of the prototype chain. Preflights must be answered from the
// root: Fastify routes a preflight for `DELETE /api/items/1` to an OPTIONS route or to the root's
// 404 handler, whose hooks are the root's, never to the scope that holds the DELETE route.

import type { FastifyInstance } from 'fastify';
import { pathOf } from './fastify-request.js';
import type { PluginConfig } from './options.js';

/** One `register(portcullis, options)`. */
export interface Registration {
  readonly config: PluginConfig;
  /** The scope's route prefix (`instance.prefix`), '' at the root or without one. */
  readonly prefix: string;
}

const REGISTRATION = Symbol('@portcullis/fastify.registration');

type Marked = FastifyInstance & { [REGISTRATION]?: Registration };

/** The registration that governs routes added to `instance`: its own, or its nearest ancestor's. */
export function nearestRegistration(instance: FastifyInstance): Registration | undefined {
  return (instance as Marked)[REGISTRATION];
}

/** Whether the plugin is registered on `instance` itself (not on an ancestor). */
export function isRegisteredOn(instance: FastifyInstance): boolean {
  return Object.hasOwn(instance, REGISTRATION);
}

export function markRegistration(instance: FastifyInstance, registration: Registration): void {
  Object.defineProperty(instance, REGISTRATION, { value: registration });
}

/** The root context of the application `instance` belongs to. */
export function rootOf(instance: FastifyInstance): FastifyInstance {
  let current: object = instance;
  for (;;) {
    const parent: unknown = Object.getPrototypeOf(current);
    if (parent === null || parent === Object.prototype) break;
    current = parent as object;
  }
  const root = current as FastifyInstance;
  if (typeof root.addHook !== 'function' || root.server !== instance.server) {
    throw new Error(
      "@portcullis/fastify cannot find this application's root context (Fastify's encapsulation has changed?); register the plugin on the root instance",
    );
  }
  return root;
}

/** Every registration of one application, for requests no route serves. */
export class Registrations {
  // Longest prefix first; among equal prefixes, the first registered.
  readonly #byPrefix: Registration[] = [];
  readonly #caseSensitive: boolean;

  constructor(caseSensitive: boolean) {
    this.#caseSensitive = caseSensitive;
  }

  add(registration: Registration): void {
    const list = this.#byPrefix;
    let i = 0;
    while (i < list.length && list[i]!.prefix.length >= registration.prefix.length) i++;
    list.splice(i, 0, registration);
  }

  /** The registration whose prefix covers the path of `url`, if any. */
  covering(url: string): Registration | undefined {
    const list = this.#byPrefix;
    if (list.length === 1 && list[0]!.prefix === '') return list[0];
    const path = this.#caseSensitive ? pathOf(url) : pathOf(url).toLowerCase();
    for (const registration of list) {
      const prefix = this.#caseSensitive ? registration.prefix : registration.prefix.toLowerCase();
      if (!path.startsWith(prefix)) continue;
      // '/api' covers '/api' and '/api/...', not '/apis'.
      if (path.length === prefix.length || prefix.endsWith('/') || path.charCodeAt(prefix.length) === 0x2f) return registration;
    }
    return undefined;
  }
}
