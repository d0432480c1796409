// MIGRATING.md, from `cors` (Express): every row, the peer on a real loopback Express server.
import { corsRows } from './rows/cors.js';
import { describeRows } from './support/run-rows.js';

describeRows('cors', corsRows);
