// `pnpm run dev`: the Worker on workerd (miniflare), or `pnpm run dev:vercel`: the Edge Function
// on the Edge runtime, at http://127.0.0.1:8787 (PORT=0 picks a free port), rebuilt at each start.

import { startEdge } from './edge.js';
import { startWorkerd } from './workerd.js';

const target = process.argv[2] === 'vercel' ? 'vercel' : 'workerd';
const port = Number(process.env.PORT ?? 8787);
const running = target === 'vercel' ? await startEdge(port) : await startWorkerd(port);
console.log(`${target === 'vercel' ? 'Vercel Edge runtime' : 'workerd'}: the API is on ${running.url.origin}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await running.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
