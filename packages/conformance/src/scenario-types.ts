// The vocabulary of the scenario table. Everything here is plain data (plus the policy
// function), because the same table is imported by Node, Bun, Deno and a Next.js build: the
// servers read the policies, the harness reads the page actions and the expectations.

import type { CorsOptions } from '@portcullis/core';

/** The page origins of a run, known only once the page servers have their ports. */
export interface PageOrigins {
  /** `http://localhost:<A>`: the origin the policies are written for. */
  readonly page: string;
  /** `http://localhost:<C>`: a second page origin that no policy allows. */
  readonly other: string;
}

/** Where the request is made from. */
export type Initiator =
  /** a script on the allowed page origin */
  | 'page'
  /** a script on the second page origin, which the policies do not name */
  | 'other-page'
  /** a script in a sandboxed iframe of the allowed page: its origin is opaque, `Origin: null` */
  | 'sandboxed-iframe';

/**
 * What the application behind the CORS layer does, chosen by the last path segment, so that a
 * policy never depends on it: `echo` describes the request it received, `status/404` answers
 * 404, `redirect` answers 302 to `echo` on the same origin, `redirect-cross-origin` to `echo` on
 * `localhost` (another origin), `stream` sends one chunk and waits for `release` before the
 * second, `font.woff2` and `image.png` serve bytes. `write` is a state-changing endpoint: it
 * counts, per run, how often the application's handler ran (`writes` reports the count to the
 * harness, never to a browser), and `page` is an HTML page of the API's own origin whose script
 * posts to `write` (see `ApiPageAction`).
 */
export type Resource =
  | 'echo'
  | 'write'
  | 'page'
  | 'status/404'
  | 'status/500'
  | 'redirect'
  | 'redirect-cross-origin'
  | 'stream'
  | 'font.woff2'
  | 'image.png';

interface FetchLike {
  readonly resource?: Resource;
  /** Sent exactly as written: browsers uppercase only the six well-known method names. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Response header names the script tries to read. */
  readonly readHeaders?: readonly string[];
}

/** `fetch()` from script. */
export interface FetchAction extends FetchLike {
  readonly kind: 'fetch';
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  /** `'no-cors'`: the browser runs no CORS check, and the script gets an opaque response. */
  readonly mode?: 'cors' | 'no-cors';
  /** Read the body chunk by chunk, releasing the rest only after the first chunk arrived. */
  readonly streamed?: boolean;
  /** Send the same request this many times, one after the other (default 1). */
  readonly times?: number;
}

/** `XMLHttpRequest` from script. */
export interface XhrAction extends FetchLike {
  readonly kind: 'xhr';
  readonly withCredentials?: boolean;
}

/** An `@font-face` rule pointing at the API: fonts are always fetched in CORS mode. */
export interface FontAction {
  readonly kind: 'font';
}

/** An `<img>` drawn on a canvas, then read back with `getImageData`. */
export interface ImageAction {
  readonly kind: 'image';
  /** The `crossorigin` attribute; `null` leaves it off (a no-cors load that taints the canvas). */
  readonly crossOrigin: 'anonymous' | null;
}

/**
 * `<form method="post">` to `write`, submitted into an iframe of the page: a navigation, so
 * no CORS at all (the page never reads the answer), with the user's cookies: the classic
 * cross-site request forgery.
 */
export interface FormAction {
  readonly kind: 'form';
}

/**
 * A page of the API's own origin (the `page` resource, in an iframe of the initiator) whose
 * script POSTs to `write` on its own origin: a same-origin write, which write protection must
 * let through whatever origins the policy lists. The page reports back what its fetch saw.
 */
export interface ApiPageAction {
  readonly kind: 'api-page';
}

export type PageAction = FetchAction | XhrAction | FontAction | ImageAction | FormAction | ApiPageAction;

/** The three browser engines every scenario runs in. */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** One value per engine, where one is given. */
export type PerEngine<T> = { readonly [E in EngineName]?: T };

/**
 * Why the browser refuses the response, named for what the server sent (the Fetch Standard's
 * CORS check and CORS-preflight fetch, https://fetch.spec.whatwg.org/#cors-check), so that the
 * same reason can be proved in every engine: from the exchange the recording proxy saw, and from
 * the engine's own report (Chromium's DevTools `Network.CorsError`, Firefox's and WebKit's
 * console text; see `src/harness/engine-reasons.ts`).
 */
export type Refusal =
  /** The response (or a redirect in its chain) has no `Access-Control-Allow-Origin`. */
  | 'no-allow-origin'
  /** `Access-Control-Allow-Origin` names another origin. */
  | 'allow-origin-mismatch'
  /** `Access-Control-Allow-Origin: *` on a credentialed request. */
  | 'wildcard-origin-with-credentials'
  /** A credentialed request without `Access-Control-Allow-Credentials: true`. */
  | 'credentials-not-allowed'
  /** The preflight was answered with a non-2xx status and no `Access-Control-Allow-Origin` (Portcullis' 403). */
  | 'preflight-refused'
  /** A 2xx preflight answer without `Access-Control-Allow-Origin`. */
  | 'preflight-no-allow-origin'
  /** A preflight answer whose CORS headers pass but whose status is not 2xx. */
  | 'preflight-not-ok'
  /** A 2xx preflight answer whose `Access-Control-Allow-Methods` does not cover the method. */
  | 'method-not-allowed'
  /** A 2xx preflight answer whose `Access-Control-Allow-Headers` does not cover a requested header. */
  | 'header-not-allowed';

/**
 * How the browser refuses the response to the script. `reason` is why (see `Refusal`), so that
 * a blocked scenario fails for its own reason and not another; `null` for a no-cors load that
 * succeeds but stays opaque to the script (a tainted canvas), where no engine reports anything.
 */
export interface Blocked {
  readonly reason: Refusal | null;
  /**
   * The line each engine prints in its console for this refusal, whole (one line per engine,
   * without the capture's `[error]` or WebKit's `CONSOLE SECURITY ERROR` prefix). The URLs and
   * origins of the run are written `$url` (the URL the script asked for), `$api` (the API's
   * origin), `$page` and `$other` (the page origins); see `src/harness/console-text.ts`.
   * Every engine reports over its console (WebKit's in its console run), so each line is
   * asserted there; the troubleshooting table of the docs' refusals page is generated from these lines.
   */
  readonly console?: PerEngine<string>;
}

/**
 * For a scenario whose console lines are declared: what the refusal means and what to change,
 * for the troubleshooting table of the docs' refusals page (src/troubleshooting.ts).
 */
export interface Troubleshooting {
  /** The kind of refusal, as the table's group heading, e.g. `a request header is not allowed`. */
  readonly kind: string;
  /** What the console message means, in a sentence. */
  readonly means: string;
  /** What to change, in a sentence (Portcullis options where they apply). */
  readonly change: string;
}

/**
 * An expected header value. Strings may use `$page` and `$other` for the page origins. `null`:
 * absent (or hidden from the script); `{ includes }`: a comma list holding these tokens
 * (case-insensitive), whatever their order or spacing; `{ excludes }`: present or not, a comma
 * list holding none of them (`*` included, a wildcard counts as the token `*`).
 */
export type HeaderExpectation =
  | string
  | null
  | { readonly includes: readonly string[] }
  | { readonly excludes: readonly string[] };

/**
 * The write of a write-protection scenario (the request to `write`), as the server saw and
 * answered it, and whether the application's handler ran (its counter for the run).
 */
export interface WriteExpectation {
  /** How often the application's handler ran for the run: 0 when the write was refused. */
  readonly handlerRuns: number;
  /** The status the server answered the write with (as the recording proxy saw it). */
  readonly status: number;
  /** `Portcullis-Refusal` on the answer (`$page`/`$other`/`$api` allowed), or null for none. */
  readonly refusal: string | null;
  /** The `Origin` the browser sent with the write (`$page`, `$other`, `$api`), or null for none. */
  readonly origin: string | null;
  /** The `Sec-Fetch-Site` the browser sent, or null when it sent none. */
  readonly secFetchSite: string | null;
  /** Whether the write carried the session cookie. */
  readonly cookieSent: boolean;
}

export interface Expectation {
  /** `true`: the script reads the response; otherwise how the browser refuses it. */
  readonly readable: true | Blocked;
  /** The status the script sees (readable scenarios). */
  readonly status?: number;
  /** Fields of the echoed request (what the application received); `$page`/`$other` allowed. */
  readonly echo?: Readonly<Record<string, string | null>>;
  /** Response headers as the script sees them. */
  readonly headers?: Readonly<Record<string, HeaderExpectation>>;
  /** Response headers on every non-preflight response the server sent for the action. */
  readonly sentHeaders?: Readonly<Record<string, HeaderExpectation>>;
  /** Response headers on every preflight answer the server sent for the action. */
  readonly preflightHeaders?: Readonly<Record<string, HeaderExpectation>>;
  /** For write-protection scenarios: the write, and whether the handler ran. */
  readonly write?: WriteExpectation;
  /** Preflights the server received for the whole action. */
  readonly preflights: number;
  /** Requests (preflights excluded) the server received for the whole action. */
  readonly actualRequests: number;
  /** The method the browser asked for (`Access-Control-Request-Method`, or the actual method). */
  readonly requestMethod?: string;
  /** The `Origin` the server received on every request of the action. */
  readonly requestOrigin?: string;
  /** Whether the actual requests carried the cookie (proves the request really was credentialed). */
  readonly cookieSent?: boolean;
  /** For image actions: whether the canvas stayed readable after drawing the image. */
  readonly canvas?: 'untainted' | 'tainted';
  /** The script saw the response as redirected. */
  readonly redirected?: boolean;
  /** The first chunk reached the script before the server was told to send the second. */
  readonly streamedIncrementally?: boolean;
  /**
   * The browser fetched without CORS: no `Origin` on any request and no CORS check of the
   * answer (WebKit's `@font-face`, against the CSS Fonts standard).
   */
  readonly noCors?: true;
}

export interface Scenario {
  /** kebab-case, used in URLs: `/s/<name>/...` (or `/p/<name>/...`). */
  readonly name: string;
  /** One sentence: what the scenario proves. */
  readonly title: string;
  /** Core options; origin functions look only at the origin, so any request type fits. */
  readonly policy: (origins: PageOrigins) => CorsOptions<unknown>;
  readonly from?: Initiator;
  readonly action: PageAction;
  readonly expect: Expectation;
  /**
   * For blocked scenarios: a readable scenario making the same request (or the one it differs
   * from in the single respect under test). It must pass on the same target in the same run,
   * so that a server that refuses everything cannot pass the blocked one.
   */
  readonly control?: string;
  /** For the troubleshooting table of the docs' refusals page: what the declared console lines mean, and the fix. */
  readonly troubleshooting?: Troubleshooting;
  /**
   * Where an engine legitimately departs from the expectation: the fields that differ in that
   * engine, and why (a link to the standard or the engine's bug tracker). Never a way to skip an
   * engine: the scenario still runs there and must meet the adjusted expectation.
   */
  readonly engines?: PerEngine<EngineDifference>;
}

export interface EngineDifference {
  readonly expect: Partial<Expectation>;
  /** One sentence with a link: the standard's rule, or the engine's bug. */
  readonly why: string;
}
