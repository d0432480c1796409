// An ES module (this package is "type": "module") importing @portcullis/next by name, as an
// app does: through the exports map to dist/index.d.ts, which imports next/server.js.
import type { NextRequest } from 'next/server.js';
import { corsProxy, withCors } from '@portcullis/next';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const { GET, OPTIONS } = withCors(
  {
    GET: (request, context: { params: Promise<{ id: string }> }) =>
      Response.json({ path: request.nextUrl.pathname, id: context.params.then((p) => p.id) }),
  },
  { origin: 'https://myapp.es', credentials: true, onRefusal: (event) => console.warn(event.request.nextUrl.pathname) },
);

// Were next/server unresolved, NextRequest would silently be `any`.
export const requestIsNotAny: IsAny<Parameters<typeof GET>[0]> = false;
export const requestIsNextRequest: Equal<Parameters<typeof GET>[0], NextRequest> = true;

export const proxy = corsProxy({ origin: 'https://myapp.es' }, (request, event) => {
  event.waitUntil(Promise.resolve(request.nextUrl.pathname));
  return undefined;
});
export const proxyRequestIsNextRequest: Equal<Parameters<typeof proxy>[0], NextRequest> = true;
