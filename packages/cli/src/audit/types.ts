// The audit's public types: its options, the probes it sends, the findings it reports. Values
// live elsewhere; this module has no runtime code.

import type { CorsOptions } from '@portcullis/core';
import type { Engine, HeaderInput, HttpResponse, OutgoingRequest } from '@portcullis/browser-model';

/**
 * The misconfiguration classes, stable identifiers (`id` in `--json`). Each is documented in
 * `CLASSES` (classes.ts) and in the package README.
 */
export type AuditClassId =
  | 'reflect-any'
  | 'reflect-any-credentials'
  | 'null-origin'
  | 'prefix-match'
  | 'suffix-match'
  | 'substring-match'
  | 'unanchored-regex'
  | 'unescaped-dot'
  | 'special-char-bypass'
  | 'http-origin-credentials'
  | 'subdomain-credentials'
  | 'third-party-origin'
  | 'wildcard-credentials'
  | 'invalid-acao'
  | 'missing-vary'
  | 'preflight-permissive'
  | 'cross-site-write';

/** high: another site reads with the user's credentials (or writes with them); medium: reads without, or caches poisoned. */
export type Severity = 'high' | 'medium' | 'low' | 'info';

/** A request sent and the answer it got; response headers are the raw lines, in order. */
export interface ProbeExchange {
  readonly request: OutgoingRequest;
  readonly response: HttpResponse & { readonly headers: ReadonlyArray<readonly [string, string]> };
}

/**
 * What a page on the probe's origin gets, in the browser model's terms: `read` (the response
 * passes the CORS check), `preflight` (the preflight passes; the actual request, a write, was
 * not sent), `blocked`, `redirect` (the URL answers with a redirect, not followed), or
 * `unsent` (a network error or a probe left out by --max-requests).
 */
export type Access = 'read' | 'preflight' | 'blocked' | 'redirect' | 'unsent';

/** One probe: the requests of one simulated fetch() and what the browser concludes. */
export interface AuditProbe {
  /** Stable within a report, e.g. `trusted`, `prefix-match`, `prefix-match#2` (second trusted origin). */
  readonly id: string;
  /** The class this probe's origin is built to reveal, or its role (`trusted`, `no-origin`). */
  readonly looksFor: AuditClassId | 'trusted' | 'no-origin';
  /** The `Origin` the browser sends, or null for the same-origin request without one. */
  readonly origin: string | null;
  /** The page's `fetch()`, as the script would write it. */
  readonly call: string;
  readonly exchanges: readonly ProbeExchange[];
  /** `fetch(..., { credentials: 'include' })`. */
  readonly withCredentials: Access;
  /** `fetch(...)` without credentials. */
  readonly withoutCredentials: Access;
  /** Why it was not sent, or the network error it met. */
  readonly error?: string;
}

/** The fix: in words, and as the Portcullis configuration for the trusted origins. */
export interface AuditFix {
  readonly text: string;
  /** `cors({ ... })` as code. */
  readonly code: string;
  /** The same options as JSON (RegExps and functions as their source text). */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface AuditFinding {
  readonly id: AuditClassId;
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly title: string;
  /** What a page on another origin can do, in the browser's terms. */
  readonly attacker: string;
  /** The probes that prove it, by id; their exchanges are the exact requests and responses. */
  readonly evidence: readonly string[];
  /** The exchange that proves it best (the first evidence probe's answer). */
  readonly proof: ProbeExchange | undefined;
  /** Other attacker origins that passed, folded into this finding (a narrower class each). */
  readonly alsoAllowed?: readonly string[];
  readonly fix: AuditFix;
}

/** The audit of one URL. */
export interface AuditReport {
  readonly url: string;
  /** The trusted origins (and patterns) the probes were derived from. */
  readonly trusted: readonly string[];
  readonly engine: Engine;
  readonly findings: readonly AuditFinding[];
  readonly probes: readonly AuditProbe[];
  /** Requests sent to the server. */
  readonly requests: number;
  /** Facts worth knowing that are not misconfigurations (a redirect, a trusted origin refused). */
  readonly notes: readonly string[];
  /** The configuration every finding's fix shows. */
  readonly fix: Omit<AuditFix, 'text'>;
}

export interface AuditOptions {
  /**
   * The trusted origins: serialized origins (`https://myapp.es`) or core's patterns
   * (`https://*.myapp.es`, `http://localhost:*`). Replaces `policy.origin` when both are given.
   */
  readonly origins?: readonly string[] | undefined;
  /** The intended policy (core's options); its `origin` is trusted when `origins` is absent. */
  readonly policy?: CorsOptions | undefined;
  /** Also send a cross-site credentialed text/plain POST (a write) to find `cross-site-write`. */
  readonly probeWrites?: boolean | undefined;
  /** The method of the page's fetch() (default GET); other methods than GET and HEAD are only preflighted. */
  readonly method?: string | undefined;
  /** The headers the page's script sets; a `cookie` header is the user's cookies, sent as a browser would. */
  readonly headers?: HeaderInput | undefined;
  /** The most requests sent to the URL. @default 40 */
  readonly maxRequests?: number | undefined;
  /** Milliseconds to wait between requests. @default 0 */
  readonly delayMs?: number | undefined;
  /** Per request. @default 10000 */
  readonly timeoutMs?: number | undefined;
  /** Requests in flight at once. @default 1 (sequential) */
  readonly concurrency?: number | undefined;
  /** Whose rules judge the answers. @default 'chromium' */
  readonly browser?: Engine | undefined;
  /** Treat every subdomain as untrusted: `subdomain-credentials` becomes high instead of info. */
  readonly distrustSubdomains?: boolean | undefined;
  /** Replaces the network, e.g. with an in-process handler. */
  readonly transport?: ((request: OutgoingRequest) => Promise<HttpResponse>) | undefined;
}
