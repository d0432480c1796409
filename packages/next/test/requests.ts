// Builds the requests Next.js hands to route handlers and proxies: real NextRequests.
import { NextRequest } from 'next/server.js';

export const APP = 'https://api.myapp.es';
export const ALLOWED = 'https://myapp.es';
export const OTHER = 'https://evil.example';

export function request(method: string, headers: Record<string, string> = {}, path = '/api/items/42'): NextRequest {
  return new NextRequest(new URL(path, APP), { method, headers });
}

export function preflight(origin: string, method: string, requestHeaders?: string, path?: string): NextRequest {
  const headers: Record<string, string> = { origin, 'access-control-request-method': method };
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return request('OPTIONS', headers, path);
}

/** The context Next.js passes to a route handler for a dynamic segment `[id]`. */
export function itemContext(id: string): { params: Promise<{ id: string }> } {
  return { params: Promise.resolve({ id }) };
}
