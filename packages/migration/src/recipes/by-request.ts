// packages/migration/src/recipes/by-request.ts
import { cors, corsByRequest } from '@portcullis/core';

// Every policy is built, and validated, once; the function only picks one per request.
const connect = cors({ origin: 'https://mydomain.com', credentials: true });
const open = cors({ origin: '*' });

export const policy = corsByRequest((request: Request) =>
  new URL(request.url).pathname.startsWith('/auth/connect/') ? connect : open,
);
