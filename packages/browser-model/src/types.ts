/**
 * Whose rules decide: the Fetch Standard as written, or a shipping browser where it departs from
 * the standard (every departure is listed in the README and reported in the verdict's steps).
 */
export type Engine = 'chromium' | 'firefox' | 'standard';

/** Header name/value pairs in order; a name may repeat (several header lines). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * Headers as pairs (`[['accept', 'text/html']]`, a `Headers` object, any iterable of pairs) or
 * as a record whose values may be arrays for repeated lines (as in Node's `IncomingHttpHeaders`).
 */
export type HeaderInput =
  | Iterable<readonly [string, string]>
  | { readonly [name: string]: string | readonly string[] | undefined };

/** What the page's script does: `fetch(url, { method, headers, credentials })` on `origin`. */
export interface FetchCall {
  /** The page's serialized origin (`https://app.example`), or `'null'` for an opaque one. */
  readonly origin: string;
  /** The absolute URL passed to `fetch()`. */
  readonly url: string;
  /** As passed to `fetch()`; browsers uppercase only DELETE GET HEAD OPTIONS POST PUT. @default 'GET' */
  readonly method?: string | undefined;
  readonly headers?: HeaderInput | undefined;
  /** @default 'same-origin' (fetch's default: no cookies on a cross-origin request) */
  readonly credentials?: 'omit' | 'same-origin' | 'include' | undefined;
  /** @default 'chromium' */
  readonly engine?: Engine | undefined;
}

/** Which part of the exchange a step judges. */
export type Phase = 'request' | 'preflight' | 'actual' | 'redirect';

/** One rule applied: whether it passed, the values that decided it, and how to fix a failure. */
export interface Step {
  /** A stable identifier, e.g. `preflight.method` or `cors.allow-origin`. */
  readonly step: string;
  readonly phase: Phase;
  /** 0 for the URL passed to fetch(), 1 after the first redirect, ... */
  readonly hop: number;
  /** `false` blocks the request. */
  readonly ok: boolean;
  /** A passing step that still deserves attention (a header fetch() drops, a caveat). */
  readonly warning?: true;
  /** What was checked, in one sentence. */
  readonly title: string;
  /** The header values (or other facts) that decided it. */
  readonly detail: string;
  /** For a failure or warning: what to change, in words. */
  readonly fix?: string;
  /** Where the rule is written. */
  readonly spec: string;
  /** Where the standard and the engine disagree on this step, and what the standard says. */
  readonly differs?: string;
}

/** A request as the browser puts it on the wire (headers that matter to CORS). */
export interface OutgoingRequest {
  readonly kind: 'preflight' | 'actual';
  readonly hop: number;
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderList;
}

/** What came back. Prefer raw pairs: a repeated header line is itself a finding. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText?: string | undefined;
  readonly headers: HeaderInput;
  /** The IP address the answer came from, when known: Local Network Access depends on it. */
  readonly address?: string | undefined;
}

/** The outcome of one judgement (a plan, a preflight answer, a response). */
export interface Judgement {
  readonly allowed: boolean;
  readonly steps: readonly Step[];
  /** For a blocked request: the first failing step's title and detail, as the browser reports it. */
  readonly reason?: string;
  readonly fix?: string;
}

/** The response headers a page's script can read. */
export interface ReadableHeaders {
  /** Lowercase names `response.headers` exposes. */
  readonly readable: readonly string[];
  /** Lowercase names the response has but script cannot see. */
  readonly hidden: readonly string[];
}
