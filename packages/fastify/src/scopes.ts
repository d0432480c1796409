// Where the plugin is registered: at the root, in encapsulated or prefixed plugins, or several
// of these, each with its own policy. A registration governs the routes of its scope (its
// encapsulation context and the ones inside it) unless an inner registration does, whenever
// the routes were added; a request no route serves (a 404, a preflight for a missing route)
// belongs to the registration whose prefix covers its URL.
//
// Fastify builds each encapsulation context with `Object.create(parent)`
// (lib/plugin-override.js), so a property set on a context is seen by the contexts inside it,
// also those created before it was set, and the root context is the end of the prototype
// chain. A route's context is `request.server` (for a preflight, the one its route was
// registered in); the hooks live at the root, whose hooks Fastify adds to every context.

import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import type { PluginConfig } from './options.js';
import type { RouteCors } from './policies.js';

/** The CORS a request gets, and the URL pattern of its route (undefined: no route serves it). */
export interface ResolvedRoute {
  readonly cors: RouteCors;
  readonly route: string | undefined;
}

/** One `register(portcullis, options)`. */
export interface Registration {
  readonly config: PluginConfig;
  /** The scope's route prefix (`instance.prefix`), '' at the root or without one. */
  readonly prefix: string;
}

const REGISTRATION = Symbol('@portcullis/fastify.registration');

type Marked = FastifyInstance & { [REGISTRATION]?: Registration };

/** The registration that governs routes of `instance`: its own, or its nearest ancestor's. */
export function registrationOf(instance: FastifyInstance): Registration | undefined {
  return (instance as Marked)[REGISTRATION];
}

/** Whether the plugin is registered on `instance` itself (not on an ancestor). */
export function isRegisteredOn(instance: FastifyInstance): boolean {
  return Object.hasOwn(instance, REGISTRATION);
}

export function markRegistration(instance: FastifyInstance, registration: Registration): void {
  Object.defineProperty(instance, REGISTRATION, { value: registration });
}

/**
 * Every registration of one application, for requests no route serves: each is found under its
 * prefix by a router configured like Fastify's (case, slashes, percent-encoding), the longest
 * prefix first, as Fastify finds a prefixed plugin's routes.
 */
export class Registrations {
  readonly #router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

  constructor(options: FindMyWay.Config<FindMyWay.HTTPVersion.V1>) {
    this.#router = FindMyWay(options);
  }

  add(registration: Registration): void {
    for (const path of [registration.prefix || '/', `${registration.prefix}/*`]) {
      try {
        this.#router.on('GET', path, noop, registration);
      } catch {
        // Another scope with this prefix (or none) registered first: it covers these URLs.
      }
    }
  }

  /** The registration whose prefix covers `url`, if any. */
  covering(url: string): Registration | undefined {
    return this.#router.find('GET', url)?.store as Registration | undefined;
  }
}

function noop(): void {}
