// MIGRATING.md, from itty-router's cors: every row, the peer as an AutoRouter called in process.
import { ittyRows } from './rows/itty-router.js';
import { describeRows } from './support/run-rows.js';

describeRows('itty-router', ittyRows);
