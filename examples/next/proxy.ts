import { NextResponse, type NextRequest } from 'next/server';
import { corsProxy, type CorsRefusalEvent } from '@portcullis/next';
import { allowedOrigins } from './lib/allowed-origins';

function requireAuthorization(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/public/private/') && !request.headers.has('authorization')) {
    return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  }
  return undefined; // carry on to the route
}

// Every refusal, with the path it was for: the event carries the NextRequest.
function reportRefusal(event: CorsRefusalEvent<NextRequest>) {
  console.warn(`cors refused ${event.kind} of ${event.request.nextUrl.pathname}: ${event.message}; ${event.fix}`);
}

export const proxy = corsProxy(
  {
    origin: allowedOrigins,
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-request-id'],
    // Writes from other sites never reach requireAuthorization nor a route.
    protectWrites: true,
    onRefusal: reportRefusal,
  },
  requireAuthorization,
);

export const config = { matcher: '/public/:path*' };
