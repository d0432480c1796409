// Core's option and event types, named here with Node's request as their default: what the
// origin function and `onRefusal` receive is the framework's request, never a Fetch Request.

import type { IncomingMessage } from 'node:http';
import type * as core from '@portcullis/core';

/** The options of `cors()` and `withCors()`: core's, read for `Req` (an IncomingMessage by default). */
export type CorsOptions<Req = IncomingMessage> = core.CorsOptions<Req>;
/** What `onRefusal` receives; `event.request` is the framework's request. */
export type CorsRefusalEvent<Req = IncomingMessage> = core.CorsRefusalEvent<Req>;
/** `(origin, req) => boolean | Promise<boolean>`, given the framework's request. */
export type OriginFunction<Req = IncomingMessage> = core.OriginFunction<Req>;
/** Which origins may read responses; see core's `OriginOption`. */
export type OriginOption<Req = IncomingMessage> = core.OriginOption<Req>;
/** Receives every refusal, with the framework's request. */
export type RefusalListener<Req = IncomingMessage> = core.RefusalListener<Req>;
