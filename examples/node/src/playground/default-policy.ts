import type { SyncCorsOptions } from '@portcullis/core';

/**
 * Where the policy editor starts: the options of `policy` in ../api.ts, as plain data the
 * editor can show and send back. test/default-policy.test.ts keeps the two identical.
 */
export const defaultPolicy = {
  origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-user'],
  exposeHeaders: ['x-request-id'],
  credentials: true,
  maxAge: 600,
} as const satisfies SyncCorsOptions;
