// What the server should do: the policy the trusted origins (and the policy, when given)
// describe, validated by core. It is both the yardstick (each probe is played against it
// in-process, and only what the server allows beyond it is a finding) and the fix (the
// Portcullis configuration every finding shows).

import { cors, CorsConfigError, type CorsOptions } from '@portcullis/core';
import { createCorsEngine } from '@portcullis/core/adapter';
import { toHeaderList, type HttpResponse, type OutgoingRequest } from '@portcullis/browser-model';
import { UsageError } from '../errors.js';
import { describePolicyError } from '../policy-options.js';
import { seedOf, type Seed } from './attacker-origins.js';
import type { Transport } from './run-probe.js';
import type { AuditOptions } from './types.js';

export interface Intent {
  /** The trusted entries as written (RegExps and functions as their source). */
  readonly entries: readonly string[];
  /** The entries the probes derive from; RegExps and functions give none. */
  readonly seeds: readonly Seed[];
  /** The options as given, validated. */
  readonly policy: CorsOptions;
}

/** A trusted entry as text. */
export function entryText(entry: unknown): string {
  if (entry instanceof RegExp) return entry.toString();
  if (typeof entry === 'function') return `[function ${entry.name || 'anonymous'}]`;
  return String(entry);
}

function validated(options: CorsOptions, fromFlags: ReadonlySet<string>): CorsOptions {
  try {
    cors(options);
  } catch (error) {
    if (error instanceof CorsConfigError) throw new UsageError(describePolicyError(error, fromFlags));
    throw error;
  }
  return options;
}

/** The intent of `options`; throws UsageError when nothing is trusted or the policy is invalid. */
export function intentOf(options: AuditOptions): Intent {
  const given = options.origins !== undefined && options.origins.length > 0;
  const origin = given ? [...options.origins!] : options.policy?.origin;
  if (origin === undefined) {
    throw new UsageError('--origin is required: a trusted origin, e.g. --origin https://myapp.es (or --policy <file>)');
  }
  const policy = validated({ ...(options.policy ?? {}), origin } as CorsOptions, new Set(given ? ['origin'] : []));
  const list: readonly unknown[] = Array.isArray(origin) ? origin : [origin];
  const entries = list.map(entryText);
  const seeds = entries.flatMap((entry) => seedOf(entry) ?? []);
  return { entries, seeds, policy };
}

/**
 * The configuration to recommend: the policy, with `credentials: true` when the server lets a
 * trusted origin read with credentials (it is a credentialed API) and the policy does not say,
 * and the page's method and headers allowed. Falls back to the policy when core refuses the
 * additions (an http: origin with credentials).
 */
export function recommended(policy: CorsOptions, facts: { credentials: boolean; method: string; headers: readonly string[] }): CorsOptions {
  const options: Record<string, unknown> = { ...policy };
  if (facts.credentials && policy.credentials === undefined) options.credentials = true;
  // Core's defaults, as core resolves them for this policy: the additions extend what it allows.
  const { allowMethods, allowHeaders } = createCorsEngine(policy).config;
  if (allowMethods.kind === 'default' && !allowMethods.names.includes(facts.method)) options.allowMethods = [...allowMethods.names, facts.method];
  const extra = facts.headers.filter((h) => !allowHeaders.names.includes(h));
  if (policy.allowHeaders === undefined && extra.length > 0) options.allowHeaders = [...allowHeaders.names, ...extra];
  try {
    cors(options as unknown as CorsOptions);
    return options as unknown as CorsOptions;
  } catch {
    return policy;
  }
}

/** A transport that answers with `options` applied by core, in-process: what the server should answer. */
export function policyTransport(options: CorsOptions): Transport {
  const handler = cors(options).wrap(() => new Response(null, { status: 200 }));
  return async (request: OutgoingRequest): Promise<HttpResponse> => {
    const headers = new Headers();
    for (const [name, value] of request.headers) headers.append(name, value);
    const response = await handler(new Request(request.url, { method: request.method, headers }));
    return { status: response.status, headers: toHeaderList(response.headers) };
  };
}
