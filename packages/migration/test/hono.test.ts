// MIGRATING.md, from hono/cors: every row, the peer as a Hono app called in process.
import { honoRows } from './rows/hono.js';
import { describeRows } from './support/run-rows.js';

describeRows('hono', honoRows);
