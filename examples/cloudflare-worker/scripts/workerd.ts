// Runs the API Worker and the inventory Worker on workerd, through miniflare, with the service
// binding between them that wrangler.json declares.

import { Miniflare } from 'miniflare';
import { bundleWorker, wrangler } from './bundle.js';

export interface Running {
  readonly url: URL;
  close(): Promise<void>;
}

export async function startWorkerd(port = 0): Promise<Running> {
  const [api, inventory] = await Promise.all([bundleWorker('src/worker.ts'), bundleWorker('src/inventory.ts')]);
  const mf = new Miniflare({
    host: '127.0.0.1',
    port,
    workers: [
      {
        name: 'portcullis-api',
        modules: true,
        script: api.code,
        compatibilityDate: wrangler.compatibility_date,
        serviceBindings: { INVENTORY: 'portcullis-inventory' },
      },
      {
        name: 'portcullis-inventory',
        modules: true,
        script: inventory.code,
        compatibilityDate: wrangler.compatibility_date,
      },
    ],
  });
  try {
    return { url: await mf.ready, close: () => mf.dispose() };
  } catch (error) {
    await mf.dispose();
    throw error;
  }
}
