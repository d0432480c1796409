// Header lists as the Fetch Standard handles them: case-insensitive names, `get` combining
// repeated lines with ", ", and list-valued headers parsed per their ABNF (`#token`).

import type { HeaderInput, HeaderList } from './types.js';

/** Pairs from any accepted header shape, in order, names and values untouched. */
export function toHeaderList(input: HeaderInput | undefined): [string, string][] {
  if (input === undefined) return [];
  const list: [string, string][] = [];
  if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const pair of input as Iterable<readonly [string, string]>) list.push([pair[0], pair[1]]);
    return list;
  }
  for (const [name, value] of Object.entries(input as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue;
    if (typeof value === 'string') list.push([name, value]);
    else for (const item of value) list.push([name, item]);
  }
  return list;
}

export function lower(name: string): string {
  return name.toLowerCase();
}

/** Every value of `name` (case-insensitive), one per header line. */
export function getAll(list: HeaderList, name: string): string[] {
  const wanted = lower(name);
  const values: string[] = [];
  for (const [key, value] of list) if (lower(key) === wanted) values.push(value);
  return values;
}

/** The standard's "get": null when absent, else the values joined by ", ". */
export function get(list: HeaderList, name: string): string | null {
  const values = getAll(list, name);
  return values.length === 0 ? null : values.join(', ');
}

const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

export function isTokenChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code < 0x7f && TOKEN_SYMBOLS.includes(String.fromCharCode(code)))
  );
}

/** An HTTP token (RFC 9110 §5.6.2): the grammar of methods and header names. */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isTokenChar(value.charCodeAt(i))) return false;
  return true;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Strips HTTP whitespace (tab, LF, CR, space) at both ends, as header values are normalized. */
export function normalizeValue(value: string): string {
  let start = 0;
  let end = value.length;
  const ws = (c: number) => c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20;
  while (start < end && ws(value.charCodeAt(start))) start++;
  while (end > start && ws(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

/** The result of parsing a `#token` header: its items, or the first element that is not a token. */
export type ParsedList = { readonly ok: true; readonly items: string[] } | { readonly ok: false; readonly bad: string };

/**
 * A comma-separated list of tokens (`1#method`, `1#field-name`), with optional white space around
 * elements and empty elements tolerated, as RFC 9110 §5.6.1 asks of recipients.
 */
export function parseTokenList(value: string): ParsedList {
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) !== 0x2c) continue;
    let a = start;
    let b = i;
    while (a < b && isOws(value.charCodeAt(a))) a++;
    while (b > a && isOws(value.charCodeAt(b - 1))) b--;
    const item = value.slice(a, b);
    if (item !== '') {
      if (!isToken(item)) return { ok: false, bad: item };
      items.push(item);
    }
    start = i + 1;
  }
  return { ok: true, items };
}

/**
 * The standard's "extracting header list values" for a list-valued header: null when absent,
 * failure when any line does not parse, else every item of every line.
 */
export function extractList(list: HeaderList, name: string): { ok: true; items: string[] | null } | { ok: false; bad: string; value: string } {
  const values = getAll(list, name);
  if (values.length === 0) return { ok: true, items: null };
  const items: string[] = [];
  for (const value of values) {
    const parsed = parseTokenList(value);
    if (!parsed.ok) return { ok: false, bad: parsed.bad, value };
    items.push(...parsed.items);
  }
  return { ok: true, items };
}

/** `name: value` for details, with the value quoted only when it is empty. */
export function show(name: string, value: string | null): string {
  if (value === null) return `${name}: (absent)`;
  return value === '' ? `${name}: (empty)` : `${name}: ${value}`;
}

/** A value as it would be written in a JavaScript string literal, for details. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
