// As api/index.ts in a Vercel project: an Edge Function, with the same API and policy.
import { api } from './api.js';
import { policy } from './policy.js';

/** The inventory service, on its own origin (INVENTORY_URL, e.g. https://inventory.myapp.es). */
function inventory(request: Request): Promise<Response> {
  const url = new URL(new URL(request.url).pathname, process.env.INVENTORY_URL);
  return fetch(url, { headers: { accept: request.headers.get('accept') ?? '*/*' } });
}

export const config = { runtime: 'edge' };

export default policy.wrap((request: Request) => api(request, inventory));
