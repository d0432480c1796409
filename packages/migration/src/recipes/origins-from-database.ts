// packages/migration/src/recipes/origins-from-database.ts
import { promisify } from 'node:util';
import { cors } from '@portcullis/node';
import { db } from './database.js';

// cors's `origin(origin, callback)` becomes a function that returns (a promise of) a boolean.
const loadOrigins = promisify(db.loadOrigins);

export const corsMiddleware = cors({
  origin: async (origin) => (await loadOrigins()).includes(origin),
});
