import type { Server } from 'bun';
import type { MaybePromise } from '@portcullis/core';

/** What a Bun handler may resolve to: `undefined` after `server.upgrade()`. */
export type BunHandlerResult = Response | undefined | void;

/**
 * The one shape every handler takes inside the adapter. The WebSocket data type does not
 * matter here: the adapter never reads it, it only passes `server` along.
 */
export type BunHandler = (request: Request, server: Server<unknown>) => MaybePromise<BunHandlerResult>;

/** Bun's `error` option, as the adapter sees it. */
export type BunErrorHandler = (this: Server<unknown>, error: unknown) => MaybePromise<Response | undefined | void>;
