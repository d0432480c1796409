// The CORS-safelisted request headers, and the CORS-unsafe names a preflight must ask for.

import { engineProfile, type EngineProfile } from './engines.js';
import type { Engine } from './types.js';
import { isTokenChar, lower, normalizeValue } from './headers.js';

function profileOf(engine: Engine | EngineProfile): EngineProfile {
  return typeof engine === 'string' ? engineProfile(engine) : engine;
}

function isUnsafeByte(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09) ||
    c === 0x22 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3a ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x3f ||
    c === 0x40 ||
    c === 0x5b ||
    c === 0x5c ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x7f
  );
}

function describeByte(c: number): string {
  const hex = `0x${c.toString(16).padStart(2, '0').toUpperCase()}`;
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}' (${hex})` : hex;
}

function firstUnsafeByte(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) if (isUnsafeByte(value.charCodeAt(i))) return value.charCodeAt(i);
  return undefined;
}

function isLanguageByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x20 ||
    c === 0x2a ||
    c === 0x2c ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x3b ||
    c === 0x3d
  );
}

/** The essence (`type/subtype`, lowercase) of a MIME type, or undefined when it does not parse. */
export function mimeEssence(value: string): string | undefined {
  const input = normalizeValue(value);
  const slash = input.indexOf('/');
  if (slash <= 0) return undefined;
  const type = input.slice(0, slash);
  const semicolon = input.indexOf(';', slash + 1);
  let subtype = input.slice(slash + 1, semicolon === -1 ? input.length : semicolon);
  let end = subtype.length;
  while (end > 0 && ' \t\n\r'.includes(subtype[end - 1]!)) end--;
  subtype = subtype.slice(0, end);
  const tokenOnly = (s: string) => s.length > 0 && [...s].every((ch) => isTokenChar(ch.charCodeAt(0)));
  if (!tokenOnly(type) || !tokenOnly(subtype)) return undefined;
  return `${type}/${subtype}`.toLowerCase();
}

const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** The standard's "parse a single range header value" without white space: [start, end]. */
export function parseSingleRange(value: string): [number | null, number | null] | undefined {
  let i = 0;
  while (i < value.length && /[A-Za-z]/.test(value[i]!)) i++;
  if (value.slice(0, i).toLowerCase() !== 'bytes') return undefined;
  if (value[i] !== '=') return undefined;
  i++;
  const digits = (): string => {
    const from = i;
    while (i < value.length && value.charCodeAt(i) >= 0x30 && value.charCodeAt(i) <= 0x39) i++;
    return value.slice(from, i);
  };
  const start = digits();
  if (value[i] !== '-') return undefined;
  i++;
  const end = digits();
  if (i !== value.length) return undefined;
  const startValue = start === '' ? null : Number(start);
  const endValue = end === '' ? null : Number(end);
  if (startValue === null && endValue === null) return undefined;
  if (startValue !== null && endValue !== null && startValue > endValue) return undefined;
  return [startValue, endValue];
}

/** Chromium's legacy client hints and `intervention`, each with the values it accepts. */
const CLIENT_HINTS: ReadonlyMap<string, (value: string) => boolean> = new Map([
  ['device-memory', isDecimal],
  ['dpr', isDecimal],
  ['downlink', isDecimal],
  ['width', isDigits],
  ['viewport-width', isDigits],
  ['rtt', isDigits],
  ['ect', (value: string) => ['slow-2g', '2g', '3g', '4g'].includes(value)],
  ['save-data', (value: string) => value.toLowerCase() === 'on'],
  ['intervention', () => true],
]);

function isDigits(value: string): boolean {
  return /^[0-9]+$/.test(value);
}

function isDecimal(value: string): boolean {
  return /^[0-9]+(\.[0-9]+)?$/.test(value);
}

export interface SafelistResult {
  readonly safe: boolean;
  /** Why the header is or is not safelisted, in words. */
  readonly why: string;
  /** Set when the engine safelists what the standard does not. */
  readonly differs?: string;
}

const SAFE_NAMES = "accept, accept-language, content-language, content-type and range";

/** The standard's "CORS-safelisted request-header" (name, value), with the engine's additions. */
export function safelisted(name: string, value: string, engineOrProfile: Engine | EngineProfile = 'chromium'): SafelistResult {
  const engine = profileOf(engineOrProfile);
  const key = lower(name);
  const hint = CLIENT_HINTS.get(key);
  const isSpecName = ['accept', 'accept-language', 'content-language', 'content-type', 'range'].includes(key);
  if (!isSpecName && !(hint && engine.clientHintsSafelisted)) {
    return { safe: false, why: `not a CORS-safelisted header name (those are ${SAFE_NAMES})` };
  }
  if (value.length > 128) {
    return { safe: false, why: `the value is ${value.length} bytes, over the 128-byte limit for safelisted values` };
  }
  if (hint) {
    if (hint(value)) {
      return {
        safe: true,
        why: `${engine.label} safelists this client-hint value`,
        differs: `the Fetch Standard does not safelist '${key}': it would need a preflight`,
      };
    }
    return { safe: false, why: `${engine.label} safelists this client hint only with a well-formed value` };
  }
  switch (key) {
    case 'accept': {
      const bad = firstUnsafeByte(value);
      if (bad !== undefined) return { safe: false, why: `the value contains ${describeByte(bad)}, a CORS-unsafe byte` };
      return { safe: true, why: 'safelisted (no CORS-unsafe byte)' };
    }
    case 'accept-language':
    case 'content-language': {
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (!isLanguageByte(c)) {
          return {
            safe: false,
            why: `the value contains ${describeByte(c)}; only letters, digits, space and * , - . ; = are safelisted`,
          };
        }
      }
      return { safe: true, why: 'safelisted (letters, digits and * , - . ; = only)' };
    }
    case 'content-type': {
      const bad = firstUnsafeByte(value);
      if (bad !== undefined) return { safe: false, why: `the value contains ${describeByte(bad)}, a CORS-unsafe byte` };
      const essence = mimeEssence(value);
      if (essence === undefined) return { safe: false, why: `${JSON.stringify(value)} does not parse as a MIME type` };
      if (!SAFELISTED_CONTENT_TYPES.includes(essence)) {
        return {
          safe: false,
          why: `the MIME type ${essence} is not application/x-www-form-urlencoded, multipart/form-data or text/plain`,
        };
      }
      return { safe: true, why: `${essence} is safelisted` };
    }
    default: {
      const range = parseSingleRange(value);
      if (range === undefined || range[0] === null) {
        return { safe: false, why: `only a single range with a start (bytes=0- or bytes=0-99) is safelisted` };
      }
      return { safe: true, why: 'safelisted (a single range with a start)' };
    }
  }
}

export interface UnsafeHeaders {
  /** The CORS-unsafe names: lowercase, sorted by byte, without duplicates. */
  readonly names: readonly string[];
  /** Why each header line is or is not safelisted, in order. */
  readonly reasons: ReadonlyArray<{ readonly name: string; readonly value: string } & SafelistResult>;
  /** The total length of the safelisted values, and whether it went over 1024. */
  readonly safelistedBytes: number;
  readonly overTotal: boolean;
}

/** The standard's "CORS-unsafe request-header names" of a header list. */
export function unsafeHeaderNames(
  list: ReadonlyArray<readonly [string, string]>,
  engineOrProfile: Engine | EngineProfile = 'chromium',
): UnsafeHeaders {
  const engine = profileOf(engineOrProfile);
  const unsafe: string[] = [];
  const potentiallyUnsafe: string[] = [];
  const reasons: ({ name: string; value: string } & SafelistResult)[] = [];
  let bytes = 0;
  for (const [name, value] of list) {
    const result = safelisted(name, value, engine);
    reasons.push({ name: lower(name), value, ...result });
    if (result.safe) {
      potentiallyUnsafe.push(lower(name));
      bytes += value.length;
    } else {
      unsafe.push(lower(name));
    }
  }
  const overTotal = bytes > 1024;
  if (overTotal) unsafe.push(...potentiallyUnsafe);
  const names = [...new Set(unsafe)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { names, reasons, safelistedBytes: bytes, overTotal };
}
