// A Response can be sent once, and CORS headers differ per origin, so a static route becomes
// a handler answering a fresh copy each time; the user's Response is never sent nor mutated.

import type { BunHandler } from './types.js';

export function serveStatic(response: Response): BunHandler {
  return () => response.clone();
}
