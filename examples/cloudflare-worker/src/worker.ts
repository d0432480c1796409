import { api } from './api.js';
import { policy } from './policy.js';

export interface Env {
  /** A service binding to the inventory Worker (wrangler.json, "services"). */
  readonly INVENTORY: Fetcher;
}

export default {
  fetch: policy.wrap((request: Request, env: Env) => api(request, (upstream) => env.INVENTORY.fetch(upstream))),
} satisfies ExportedHandler<Env>;
