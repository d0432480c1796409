// packages/migration/src/recipes/by-request.ts
import { cors, corsByRequest } from '@portcullis/node';
import type { Request, RequestHandler } from 'express';

// Every policy is built, and validated, once; the function only picks one per request.
const connect = cors({ origin: 'https://mydomain.com', credentials: true });
const open = cors({ origin: '*' });

export const corsMiddleware: RequestHandler = corsByRequest((req: Request) =>
  req.originalUrl.startsWith('/auth/connect/') ? connect : open,
);
