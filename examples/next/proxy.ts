import { NextResponse, type NextRequest } from 'next/server';
import { corsProxy } from '@portcullis/next';
import { allowedOrigins } from './lib/allowed-origins';

function requireAuthorization(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/public/private/') && !request.headers.has('authorization')) {
    return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  }
  return undefined; // carry on to the route
}

export const proxy = corsProxy(
  { origin: allowedOrigins, allowHeaders: ['content-type', 'authorization'], exposeHeaders: ['x-request-id'] },
  requireAuthorization,
);

export const config = { matcher: '/public/:path*' };
