// The application behind every server of the comparison: one handler that answers every request
// the same way, with a few headers of its own, and records which requests reached it. Only
// these headers are compared: the transport's own (`date`, `content-length`, `keep-alive`)
// differ between a loopback Express server and a handler called in process, and say nothing
// about CORS.

/** What kind of request reached the application: a CORS preflight, or anything else. */
export type Kind = 'preflight' | 'actual';

/** The application's own response headers (names lowercase), the ones whose readability is compared. */
export const APP_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'x-request-id': '42',
  'x-kuma-revision': '7',
  'content-range': 'items 0-0/1',
  'x-content-range': '0-0',
};

export const APP_HEADER_NAMES: ReadonlySet<string> = new Set(Object.keys(APP_HEADERS));

export const APP_BODY = '{"ok":true}';

/** A preflight is an OPTIONS request with Access-Control-Request-Method, whatever else it carries. */
export function kindOf(method: string, requestMethodHeader: string | null | undefined): Kind {
  return method === 'OPTIONS' && typeof requestMethodHeader === 'string' ? 'preflight' : 'actual';
}

/** Which requests reached the application, in order; cleared before each simulated fetch. */
export class Reached {
  readonly kinds: Kind[] = [];

  saw(kind: Kind): void {
    this.kinds.push(kind);
  }

  take(): Kind[] {
    return this.kinds.splice(0);
  }
}

/** The application as a Fetch handler; `extra` headers are set on every answer too. */
export function fetchApp(reached: Reached, extra: Readonly<Record<string, string>> = {}): (request: Request) => Response {
  return (request) => {
    reached.saw(kindOf(request.method, request.headers.get('access-control-request-method')));
    return new Response(APP_BODY, { status: 200, headers: { ...APP_HEADERS, ...extra } });
  };
}
