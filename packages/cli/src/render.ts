// The human rendering of a check: the call, then each part of the exchange (the requests as
// sent, the CORS headers of each answer, every step with a tick or a cross), then the verdict.
// Every string of the result is escaped (safe-text.ts) before it is laid out and painted: the
// server chose most of them.

import {
  ENGINES,
  PLAIN,
  renderConclusion,
  renderStep,
  toHeaderList,
  type Exchange,
  type Step,
  type Style,
} from '@portcullis/browser-model';
import { REFUSAL_HEADER } from '@portcullis/core';
import { protocol } from '@portcullis/core/adapter';
import type { CheckResult } from './check.js';
import { safeText } from './safe-text.js';

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLORS: Style = {
  pass: ansi(32, 39),
  fail: ansi(31, 39),
  warn: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

function js(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The page's call, written as the script would write it. */
export function describeCall(result: Pick<CheckResult, 'call'>): string {
  const { call } = result;
  const init: string[] = [];
  if (call.method !== undefined && call.method !== 'GET') init.push(`method: ${js(call.method)}`);
  const headers = toHeaderList(call.headers);
  if (headers.length > 0) init.push(`headers: { ${headers.map(([n, v]) => `${js(n)}: ${js(v)}`).join(', ')} }`);
  if (call.credentials === 'include') init.push("credentials: 'include'");
  return `fetch(${js(call.url)}${init.length > 0 ? `, { ${init.join(', ')} }` : ''})`;
}

/** The response headers a rendering shows: the CORS ones and those that explain them. */
export const SHOWN_RESPONSE_HEADERS = (name: string): boolean =>
  name.startsWith(protocol.CORS_RESPONSE_PREFIX) || name === protocol.VARY || name === 'location' || name === REFUSAL_HEADER;

/** A request as sent and its answer, with the response headers `shownHeader` picks (by lowercase name). */
export function exchangeLines(exchange: Exchange, style: Style, shownHeader: (name: string) => boolean = SHOWN_RESPONSE_HEADERS): string[] {
  const { request, response } = exchange;
  const lines = [`  → ${style.bold(`${request.method} ${request.url}`)}`];
  for (const [name, value] of request.headers) lines.push(`      ${style.dim(`${name}: ${value}`)}`);
  lines.push(`  ← ${style.bold(`${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)}`);
  const shown = toHeaderList(response.headers).filter(([name]) => shownHeader(name.toLowerCase()));
  if (shown.length === 0) lines.push(`      ${style.dim('(no Access-Control-* header)')}`);
  for (const [name, value] of shown) {
    if (name.toLowerCase() === REFUSAL_HEADER) lines.push(`      ${style.warn(`${name}: ${value}`)}  ${style.dim("(the server's explanation)")}`);
    else lines.push(`      ${style.dim(`${name}: ${value}`)}`);
  }
  return lines;
}

function sectionTitle(step: Step, result: CheckResult): string {
  if (step.phase === 'request') return step.hop === 0 ? 'The request' : `After redirect ${step.hop}: the new request`;
  if (step.phase === 'preflight') return 'The preflight';
  return result.exchanges.some((e) => e.request.kind === 'actual' && e.request.hop === step.hop)
    ? 'The actual request'
    : 'The actual request (not sent)';
}

/** `value` with every string in it made safe to print, whatever its shape. */
export function escaped<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  // Arrays, and the Headers or Map a library caller may pass as the call's headers.
  if (Symbol.iterator in value) return Array.from(value as Iterable<unknown>, escaped) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escaped(item)])) as T;
}

/** The whole check as text; `color` paints it for a terminal. Nothing from the network is printed raw. */
export function renderCheck(unsafe: CheckResult, options: { color?: boolean } = {}): string {
  const result = escaped(unsafe);
  const style = options.color ? COLORS : PLAIN;
  const engine = ENGINES[result.engine];
  const lines: string[] = [
    `${style.bold(describeCall(result))}`,
    `from a page on ${result.call.origin}, as ${engine.label} would run it`,
  ];
  if (result.credentialsNote) lines.push(style.dim(result.credentialsNote));
  let section = '';
  const shown = new Set<Exchange>();
  for (const step of result.steps) {
    const key = `${step.hop}:${step.phase === 'redirect' ? 'actual' : step.phase}`;
    if (key !== section) {
      section = key;
      lines.push('', style.bold(sectionTitle(step, result)));
      const kind = step.phase === 'preflight' ? 'preflight' : step.phase === 'request' ? undefined : 'actual';
      const exchange = result.exchanges.find((e) => e.request.kind === kind && e.request.hop === step.hop);
      if (exchange && !shown.has(exchange)) {
        shown.add(exchange);
        lines.push(...exchangeLines(exchange, style));
      }
    }
    lines.push(...renderStep(step, style));
  }
  lines.push('', renderConclusion(result, style));
  if (!result.allowed && result.fix) lines.push(`  fix: ${result.fix}`);
  for (const refusal of result.refusals) {
    const on = refusal.kind === 'preflight' ? 'preflight' : 'response';
    lines.push(`  the server says (Portcullis-Refusal on the ${on}): ${refusal.refusal}${refusal.policy ? " (the server's policy)" : ''}`);
  }
  if (result.localNetworkAccess) lines.push(`  ${style.warn('note')}: ${result.localNetworkAccess.note}`);
  for (const note of result.differs) {
    lines.push(`  ${style.warn('note')}: this verdict follows ${engine.label}; ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
