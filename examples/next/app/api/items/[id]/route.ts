import type { NextRequest } from 'next/server';
import { withCors } from '@portcullis/next';
import { allowedOrigins } from '../../../../lib/allowed-origins';

async function getItem(request: NextRequest, { params }: RouteContext<'/api/items/[id]'>) {
  const { id } = await params;
  return Response.json(
    { id, method: request.method, lang: request.headers.get('accept-language') },
    { headers: { vary: 'Accept-Language' } },
  );
}

async function putItem(request: NextRequest, { params }: RouteContext<'/api/items/[id]'>) {
  const { id } = await params;
  const body: unknown = await request.json();
  return Response.json({ id, saved: body });
}

async function deleteItem(_request: NextRequest, { params }: RouteContext<'/api/items/[id]'>) {
  const { id } = await params;
  return Response.json({ id, deleted: true });
}

// Export OPTIONS too: without it, Next.js answers every preflight itself, without CORS headers.
export const { GET, PUT, DELETE, OPTIONS } = withCors(
  { GET: getItem, PUT: putItem, DELETE: deleteItem },
  { origin: allowedOrigins, credentials: true, exposeHeaders: ['x-item-version'] },
);
