// The plugin: one registration in the scope it is registered in, and, once per application,
// the hooks that serve every registration (hooks.ts) and the start-up step that mirrors every
// route for preflights. Nothing depends on the order in which the plugin, the routes, the
// scopes and other plugins' hooks were registered, nor on whether `register` was awaited:
// routes are learned from Fastify as they are added and the onRequest hook is the first
// (applications.ts), and routes are read at start-up, when all are there.

import { CorsConfigError, type CorsConfigProblem } from '@portcullis/core';
import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import { installHooks, type AppCors } from './hooks.js';
import { readPluginOptions } from './options.js';
import { problem } from './peer-options.js';
import { applicationOf, type Application } from './applications.js';
import { matchingOptionsOf, RouteMirror } from './route-mirror.js';
import { isRegisteredOn, markRegistration, registrationOf, Registrations, type Registration } from './scopes.js';

/** The application's CORS runtime, on its root context. */
const APP = Symbol('@portcullis/fastify.app');

const UNSEEN_WARNING =
  "routes were added before @portcullis/fastify was imported: their preflights get their scope's policy. Import it before creating the application";

/** The plugin, registered in `instance`'s scope. */
export async function portcullisPlugin(instance: FastifyInstance, options: unknown): Promise<void> {
  if (isRegisteredOn(instance)) throw new Error("@portcullis/fastify is registered twice in one scope: use config.cors for one route");
  const registration: Registration = { config: readPluginOptions(options), prefix: instance.prefix };
  const app = (instance as FastifyInstance & { [APP]?: AppCors })[APP] ?? appCors(applicationOf(instance));
  markRegistration(instance, registration);
  app.registrations.add(registration);
}

/** The application's CORS runtime, created with its hooks by its first registration. */
function appCors(book: Application): AppCors {
  const root = book.root;
  const matching = matchingOptionsOf(root.initialConfig);
  const app: AppCors = { registrations: new Registrations(matching), routes: new RouteMirror(matching), complete: book.complete };
  Object.defineProperty(root, APP, { value: app });
  // Only an application created before this module loaded can have routes the book missed.
  const unseen = !book.complete && root.printRoutes() !== FindMyWay().prettyPrint();
  root.addHook('onReady', async () => {
    app.routes = mirrorRoutes(book, new RouteMirror(matching));
    if (unseen) process.emitWarning(UNSEEN_WARNING, 'PortcullisWarning');
  });
  const onRequest = installHooks(root, app);
  if (book.complete) book.onRequest = onRequest;
  else root.addHook('onRequest', onRequest);
  return app;
}

/**
 * Every route in `mirror`, with the CORS of the registration governing it: each route's
 * `config.cors` is validated here, at start-up, and every problem thrown together.
 */
function mirrorRoutes(book: Application, mirror: RouteMirror): RouteMirror {
  const problems: CorsConfigProblem[] = [];
  for (const record of book.routes) {
    const label = `${record.methods.join(',')} ${record.url}`;
    try {
      const registration = registrationOf(record.instance);
      const cors = record.options.config?.cors;
      // A config.cors no registration reads would be ignored, false's write protection too.
      if (registration === undefined && cors !== undefined) {
        problems.push(problem('route.outside-scope', ['routes', label, 'config', 'cors'], cors, 'no registration of the plugin governs this route', 'register the plugin in its scope, or in an enclosing one'));
      }
      mirror.add(record, registration === undefined ? null : registration.config.routeCors(cors, label), label);
    } catch (error) {
      if (!(error instanceof CorsConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new CorsConfigError(problems);
  return mirror;
}
