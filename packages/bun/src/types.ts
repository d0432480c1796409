import type { Server } from 'bun';
import type { HandlerResult, MaybePromise } from '@portcullis/core';

/**
 * The one shape every handler takes inside the adapter. The WebSocket data type does not
 * matter here: the adapter never reads it, it only passes `server` along.
 */
export type BunHandler = (request: Request, server: Server<unknown>) => MaybePromise<HandlerResult>;

/** Bun's `error` option, as the adapter sees it. */
export type BunErrorHandler = (this: Server<unknown>, error: unknown) => MaybePromise<HandlerResult>;
