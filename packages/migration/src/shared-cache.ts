// A shared cache (a CDN, a caching proxy) in front of a server: it stores GET answers and
// serves them to later requests whose headers named in the stored answer's `Vary` match. This
// is how one origin's CORS answer reaches another when `Vary: Origin` is missing.

import { toHeaderList, type HeaderInput, type HttpResponse } from '@portcullis/browser-model';
import type { Send } from './servers.js';

function header(headers: HeaderInput, name: string): string | undefined {
  const values = toHeaderList(headers)
    .filter(([n]) => n.toLowerCase() === name)
    .map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

interface Stored {
  readonly response: HttpResponse;
  /** The request's values of the headers the answer varies on, by lowercase name. */
  readonly keyed: ReadonlyMap<string, string | undefined>;
}

/** `send` behind a cache that keeps the latest GET answer per URL, honouring `Vary`. */
export function throughSharedCache(send: Send): Send {
  const stored = new Map<string, Stored>();
  return async (request) => {
    if (request.method !== 'GET' || request.kind !== 'actual') return send(request);
    const hit = stored.get(request.url);
    if (hit !== undefined && [...hit.keyed].every(([name, value]) => header(request.headers, name) === value)) return hit.response;
    const response = await send(request);
    const vary = (header(response.headers, 'vary') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    if (response.status === 200 && !vary.includes('*')) {
      stored.set(request.url, { response, keyed: new Map(vary.map((name) => [name, header(request.headers, name)])) });
    }
    return response;
  };
}
