import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { expect, expectTypeOf, test } from 'vitest';
import portcullis, { type ChosenPolicyOptions, type FastifyRefusalEvent, type RouteCorsOptions } from '../src/index.js';

// Type checks, compiled by `pnpm typecheck` (tsc): each @ts-expect-error fails the typecheck
// if the mistake under it compiles. Never called: the mistakes would also throw at run time.
function mistakes(app: FastifyInstance): void {
  // @ts-expect-error -- maxAge is a number of seconds
  app.get('/c', { config: { cors: { maxAge: '600' } } }, async () => 'ok');
  // @ts-expect-error -- origin is a string, RegExp, list or function
  app.get('/d', { config: { cors: { origin: 42 } } }, async () => 'ok');
  // @ts-expect-error -- with `satisfies`, even a typo of a name is caught
  app.get('/e', { config: { cors: { orign: '*' } satisfies RouteCorsOptions } }, async () => 'ok');
  // @ts-expect-error -- the plugin needs an origin
  void app.register(portcullis, { credentials: true });
  // @ts-expect-error -- the plugin options are checked too
  void app.register(portcullis, { origin: '*', allowedHeaders: ['x'] });
  // @ts-expect-error -- policies need a chooser
  void app.register(portcullis, { origin: '*', policies: { a: { origin: '*' } } });
  // @ts-expect-error -- the plugin's preflight option is true or false
  void app.register(portcullis, { origin: '*', preflight: 'continue' });
  // @ts-expect-error -- choosePolicy takes the request and the route's URL pattern
  void app.register(portcullis, { policies: { a: { origin: '*' } }, choosePolicy: (_request, route: number) => (route > 0 ? 'a' : false) });
  const typed: ChosenPolicyOptions<'app' | 'partners'> = {
    policies: { app: { origin: '*' }, partners: { origin: 'https://partner.example' } },
    // @ts-expect-error -- choosePolicy returns one of the names, or false
    choosePolicy: () => 'admin',
  };
  void typed;
}

test('options, route config and events are typed', async () => {
  const app = Fastify();
  void app.register(portcullis, {
    origin: (origin: string, request: FastifyRequest) => origin.endsWith('.myapp.es') && request.method !== 'TRACE',
    preflight: true,
    onRefusal: (event) => {
      expectTypeOf(event).toEqualTypeOf<FastifyRefusalEvent>();
      expectTypeOf(event.request).toEqualTypeOf<FastifyRequest>();
    },
  });
  app.get('/public', { config: { cors: { origin: '*', credentials: false } } }, async () => 'ok');
  app.get('/internal', { config: { cors: false } }, async () => 'ok');
  app.get('/both', async (request) => {
    expectTypeOf(request.routeOptions.config.cors).toEqualTypeOf<false | RouteCorsOptions | undefined>();
    return 'ok';
  });
  expectTypeOf(mistakes).toBeFunction();
  await app.ready();
  expect((await app.inject({ url: '/public', headers: { origin: 'https://a.example' } })).headers).toHaveProperty('access-control-allow-origin', '*');
  await app.close();
});
