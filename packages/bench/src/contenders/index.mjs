// The micro-benchmark contenders, Portcullis first.

import * as portcullis from './portcullis.mjs';
import * as hono from './hono.mjs';
import * as itty from './itty.mjs';
import * as whatwg from './whatwg.mjs';

export const CONTENDERS = [portcullis, hono, itty, whatwg];
export const contender = (id) => CONTENDERS.find((c) => c.id === id);
