// A probe played twice, against the server and against the intended policy, and the small
// readings of its answers that every rule of the audit shares. The audit judges servers,
// Portcullis's among them, as the browser model does: it reads their answers by the header
// names and rules it writes itself (Vary, Cache-Control), on purpose, and asks core only for
// the intended answer, never how to read one.

import type { Outcome, ProbeSpec } from './run-probe.js';
import type { Access, AuditFinding, ProbeExchange, Severity } from './types.js';

export interface Judged {
  readonly spec: ProbeSpec;
  /** What the server answered, and what the browser concludes. */
  readonly observed: Outcome;
  /** What the intended policy answers, in-process. */
  readonly intended: Outcome;
}

/** Whether a page on the probe's origin gets through: it reads, or its preflight passes. */
export function allows(access: Access): boolean {
  return access === 'read' || access === 'preflight';
}

/** Whether the outcome lets the origin through in either credentials mode. */
export function allowsAny(outcome: Outcome): boolean {
  return allows(outcome.withCredentials) || allows(outcome.withoutCredentials);
}

/** Every value of a response header, one per line, by case-insensitive name. */
export function headerLines(exchange: ProbeExchange, name: string): string[] {
  return exchange.response.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

/** A response header's value (lines joined), or null. */
export function header(exchange: ProbeExchange, name: string): string | null {
  const lines = headerLines(exchange, name);
  return lines.length === 0 ? null : lines.join(', ');
}

/** The request's Origin, or null. */
export function requestOrigin(exchange: ProbeExchange): string | null {
  return exchange.request.headers.find(([n]) => n.toLowerCase() === 'origin')?.[1] ?? null;
}

/** The answer that decided the probe: the actual response when there is one, else the preflight's. */
export function deciding(outcome: Outcome): ProbeExchange | undefined {
  return outcome.exchanges.find((e) => e.request.kind === 'actual') ?? outcome.exchanges[0];
}

const RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** The worse of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

/** A finding's fields but its fix, which the report adds (one configuration for every finding). */
export type Draft = Omit<AuditFinding, 'fix'>;
