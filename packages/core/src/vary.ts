// Merging into Vary without losing or duplicating the handler's own tokens. A shared cache
// that does not see `Vary: Origin` can hand one origin's answer to another.

import { equalsLowerAt, isOws } from './http-tokens.js';

const COMMA = 0x2c;

/** Whether the comma-separated `list` has `token` (ASCII case-insensitive) or `*`. */
function varyCovers(list: string, token: string): boolean {
  const n = list.length;
  let i = 0;
  while (i < n) {
    while (i < n && isOws(list.charCodeAt(i))) i++;
    const start = i;
    while (i < n && list.charCodeAt(i) !== COMMA) i++;
    let end = i;
    while (end > start && isOws(list.charCodeAt(end - 1))) end--;
    if (end - start === 1 && list.charCodeAt(start) === 0x2a) return true; // '*'
    if (equalsLowerAt(list, start, end, token)) return true;
    i++;
  }
  return false;
}

type TokenList = readonly (readonly [display: string, lower: string])[];

function tokenList(tokens: string): TokenList {
  return tokens.split(', ').map((display) => [display, display.toLowerCase()] as const);
}

function merge(current: string | null | undefined, tokens: string, list: TokenList): string {
  if (current == null || current === '') return tokens;
  let merged = current;
  for (let i = 0; i < list.length; i++) {
    const [display, lower] = list[i]!;
    if (!varyCovers(merged, lower)) merged = `${merged}, ${display}`;
  }
  return merged;
}

/**
 * The merge of one `tokens` value (", "-separated, e.g. "Origin, Access-Control-Request-Method"),
 * split and lowercased once, here: given the current Vary (absent, empty, or several header
 * lines joined with ", "), the value to send, with each token added unless already present,
 * case-insensitively, or covered by `*`; the current value itself when nothing is missing.
 */
export function varyMerger(tokens: string): (current: string | null | undefined) => string {
  const list = tokenList(tokens);
  return (current) => merge(current, tokens, list);
}
