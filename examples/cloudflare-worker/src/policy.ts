import { cors } from '@portcullis/core';

/** The front end on myapp.es (and its subdomains) calls this API, on another origin, with cookies. */
export const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['x-request-id'],
  credentials: true,
  maxAge: 600,
});
