// Bun sends what the `error` option returns straight to the client, outside every handler, so
// a browser would see a CORS failure instead of the application's 500. Errors are therefore
// routed to the user's `error` inside the wrapped handler, where its Response gets CORS
// headers like any other.

import { isThenable, settle } from '@portcullis/core/adapter';
import type { HandlerResult } from '@portcullis/core';
import type { Server } from 'bun';
import type { BunErrorHandler, BunHandler } from './types.js';

interface ErrorRouting {
  /** `handler`, with its errors answered by the user's `error` handler. */
  guard(handler: BunHandler): BunHandler;
  /**
   * What Bun gets as `error`: skips errors the guard already offered to the user's handler
   * (which declined them by returning nothing), so it never runs twice for one error.
   */
  readonly bunError: BunErrorHandler | undefined;
}

export function routeErrors(userError: BunErrorHandler | undefined): ErrorRouting {
  if (userError === undefined) return { guard: (handler) => handler, bunError: undefined };
  const handleError = userError;
  const declined = new WeakSet<object>();

  function answer(error: unknown, server: Server<unknown>): Promise<HandlerResult> | HandlerResult {
    const decline = (result: HandlerResult): Response => {
      if (result !== undefined) return result;
      if (typeof error === 'object' && error !== null) declined.add(error);
      throw error;
    };
    const result = handleError.call(server, error);
    return settle(result, decline);
  }

  return {
    guard(handler) {
      return function guarded(request, server) {
        let result: ReturnType<BunHandler>;
        try {
          result = handler(request, server);
        } catch (error) {
          return answer(error, server);
        }
        if (isThenable<HandlerResult>(result)) {
          return Promise.resolve(result).then(undefined, (error: unknown) => answer(error, server));
        }
        return result;
      };
    },
    bunError(error) {
      if (typeof error === 'object' && error !== null && declined.has(error)) return undefined;
      return handleError.call(this, error);
    },
  };
}
