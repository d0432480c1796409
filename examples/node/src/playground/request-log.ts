// What the API received and answered, per playground run. A browser hides most of this from
// the page (a refused preflight's headers, whether a no-cors write reached the handler), so
// the API tells the playground itself. Runs are named by a `run` query parameter, the one
// thing a preflight and the request it announces share.

/** One request the API received, and its answer. */
export interface Exchange {
  /** `preflight`: OPTIONS with Origin and Access-Control-Request-Method. */
  readonly kind: 'preflight' | 'request';
  readonly method: string;
  readonly path: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** Whether the application handler ran: the server-side proof that a write happened. */
  readonly reachedHandler: boolean;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
}

type Handler = (request: Request) => Promise<Response>;

/** Request headers a CORS story never needs; the rest is shown. */
const UNINTERESTING = new Set(['accept-encoding', 'accept-language', 'connection', 'host', 'user-agent', 'content-length']);

function headersOf(headers: Headers, skip?: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!skip?.has(name) && !name.startsWith('sec-ch-')) out[name] = value;
  });
  return out;
}

export interface RequestLog {
  /** The exchanges of one run, in arrival order. */
  get(run: string): readonly Exchange[];
  /** Marks the application handler: wrap the app with this, inside the CORS policy. */
  marking(app: Handler): Handler;
  /** Records every request that carries a run id: wrap the served handler with this. */
  recording(handler: Handler): Handler;
}

export function requestLog(maxRuns = 1000): RequestLog {
  const runs = new Map<string, Exchange[]>();
  const reached = new WeakSet<Request>();

  return {
    get: (run) => runs.get(run) ?? [],
    marking: (app) => (request) => {
      reached.add(request);
      return app(request);
    },
    recording: (handler) => async (request) => {
      const url = new URL(request.url);
      const run = url.searchParams.get('run');
      const response = await handler(request);
      if (run === null) return response;
      const preflight =
        request.method === 'OPTIONS' && request.headers.has('origin') && request.headers.has('access-control-request-method');
      const exchange: Exchange = {
        kind: preflight ? 'preflight' : 'request',
        method: request.method,
        path: url.pathname,
        requestHeaders: headersOf(request.headers, UNINTERESTING),
        reachedHandler: reached.has(request),
        status: response.status,
        responseHeaders: headersOf(response.headers),
      };
      let list = runs.get(run);
      if (list === undefined) {
        if (runs.size >= maxRuns) runs.delete(runs.keys().next().value!);
        runs.set(run, (list = []));
      }
      list.push(exchange);
      return response;
    },
  };
}
