// packages/migration/src/recipes/origins-from-database.ts
import { promisify } from 'node:util';
import { cors } from '@portcullis/core';
import { db } from './database.js';

// cors's `origin(origin, callback)` becomes a function that returns (a promise of) a boolean.
const loadOrigins = promisify(db.loadOrigins);

export const policy = cors({
  origin: async (origin) => (await loadOrigins()).includes(origin),
});
