// Character classes from RFC 9110, as lookup tables so that per-request scans do one array
// read per character and never run a regex.

import { TOKEN_PUNCTUATION } from './protocol.js';

const TCHAR = new Uint8Array(128);
for (const c of TOKEN_PUNCTUATION) TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1; // 0-9
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1; // A-Z
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1; // a-z

/** Whether `code` may appear in an HTTP token (method or header name). */
export function isTokenChar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** Whether `value` is a non-empty HTTP token. */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    if (!isTokenChar(value.charCodeAt(i))) return false;
  }
  return true;
}

/** Whether text[start, end) equals `lowerToken`, ASCII case-insensitively, without slicing. */
export function equalsLowerAt(text: string, start: number, end: number, lowerToken: string): boolean {
  if (end - start !== lowerToken.length) return false;
  for (let j = 0; j < lowerToken.length; j++) {
    let c = text.charCodeAt(start + j);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerToken.charCodeAt(j)) return false;
  }
  return true;
}

/** Optional white space: space or horizontal tab. */
export function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
