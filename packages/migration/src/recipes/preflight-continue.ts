// packages/migration/src/recipes/preflight-continue.ts
import { cors, REFUSAL_HEADER } from '@portcullis/core';

export interface SeenPreflight {
  readonly origin: string | null;
  readonly method: string | null;
  /** Portcullis-Refusal: why Portcullis refused it, or null when it allowed it. */
  readonly refused: string | null;
}

/** `app` behind Portcullis, with an OPTIONS handler of your own that sees every preflight. */
export function withOwnOptionsHandler(app: (request: Request) => Response) {
  const policy = cors({ origin: 'https://app.example' });
  const api = policy.wrap(app);
  const seen: SeenPreflight[] = [];

  function handle(request: Request): Response {
    if (request.method === 'OPTIONS') {
      const answer = policy.preflight(request);
      if (answer !== undefined) {
        // What preflightContinue was for: your code sees the preflight and Portcullis's answer
        // (log it, count it, or return another 2xx answer built from it).
        seen.push({
          origin: request.headers.get('origin'),
          method: request.headers.get('access-control-request-method'),
          refused: answer.headers.get(REFUSAL_HEADER),
        });
        return answer;
      }
    }
    // Ordinary OPTIONS requests (no Access-Control-Request-Method) and everything else.
    return api(request);
  }

  return { handle, seen };
}
