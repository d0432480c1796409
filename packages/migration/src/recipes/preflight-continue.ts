// packages/migration/src/recipes/preflight-continue.ts
import { cors, REFUSAL_HEADER } from '@portcullis/node';
import type { Express, RequestHandler } from 'express';

export interface SeenPreflight {
  readonly origin: string | null;
  readonly method: string | null;
  /** Portcullis-Refusal: why Portcullis refused it, or null when it allowed it. */
  readonly refused: string | null;
}

/** `api` behind Portcullis in `app`, with a middleware of your own that sees every preflight. */
export function withPreflightLog(app: Express, api: RequestHandler): SeenPreflight[] {
  const seen: SeenPreflight[] = [];
  // What preflightContinue was for: your code sees each preflight, before cors() answers it,
  // and that answer once it is sent (log it, count it).
  app.use((req, res, next) => {
    const method = req.get('access-control-request-method');
    if (req.method === 'OPTIONS' && method !== undefined) {
      res.on('finish', () => {
        const refused = res.getHeader(REFUSAL_HEADER);
        seen.push({ origin: req.get('origin') ?? null, method, refused: typeof refused === 'string' ? refused : null });
      });
    }
    next();
  });
  app.use(cors({ origin: 'https://app.example' }));
  // Ordinary OPTIONS requests (no Access-Control-Request-Method) and everything else.
  app.use(api);
  return seen;
}
