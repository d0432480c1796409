// The same from a CommonJS module: the exports map's `require` branch, dist/index.d.cts.
import type { NextRequest } from 'next/server.js';
import { withCors } from '@portcullis/next';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const { POST, OPTIONS } = withCors({ POST: (request) => Response.json({ path: request.nextUrl.pathname }) }, { origin: 'https://myapp.es' });
export const requestIsNextRequest: Equal<Parameters<typeof POST>[0], NextRequest> = true;
