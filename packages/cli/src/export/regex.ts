// Regular expressions every web server reads alike: the subset PCRE (nginx, Apache httpd) and
// Go's RE2 (Caddy) share, without look-arounds or back-references, and written so that no
// server's configuration quoting changes them (no quote, backtick or `#` appears literally;
// such characters are written `\xHH`). Each helper matches exactly what the core's matcher or
// parser accepts, so that the exported configuration decides as `cors()` does.

import { protocol } from '@portcullis/core/adapter';

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** Characters written as themselves in a regex, outside and inside classes. */
const PLAIN = new Set([...LOWER, ...LOWER.toUpperCase(), ...DIGITS, '_', '~', '!', '%', '&', ':', '/', ',', '=', '@', ';', '<', '>']);

/** One literal character, escaped where any of the three servers would read it otherwise. */
function literalChar(char: string): string {
  if (PLAIN.has(char)) return char;
  if (char === '.' || char === '-' || char === '*' || char === '+' || char === '^' || char === '|' || char === '$') return `\\${char}`;
  if (char === '[' || char === ']' || char === '(' || char === ')' || char === '?' || char === '{' || char === '}') return `\\${char}`;
  return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** A literal string, escaped. */
export function literal(text: string): string {
  return [...text].map(literalChar).join('');
}

/** A character class of `chars` (lowercase letters stand for both cases under `(?i)`). */
function charClass(chars: Iterable<string>): string {
  const set = new Set(chars);
  let out = '';
  for (const run of [LOWER, LOWER.toUpperCase(), DIGITS]) {
    let i = 0;
    while (i < run.length) {
      if (!set.has(run[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < run.length && set.has(run[j + 1]!)) j++;
      out += j - i >= 2 ? `${run[i]}-${run[j]}` : run.slice(i, j + 1);
      i = j + 1;
    }
  }
  for (const char of set) {
    if (!/[a-zA-Z0-9]/.test(char)) out += char === '-' ? '\\-' : literalChar(char);
  }
  return `[${out}]`;
}

/** The token alphabet as matched case-insensitively: lowercase letters, digits, punctuation. */
const TOKEN_ALPHABET: readonly string[] = [...LOWER, ...DIGITS, ...protocol.TOKEN_PUNCTUATION];

/** One HTTP token character, either case (no `(?i)` needed). */
export const TOKEN_CHAR = charClass([...TOKEN_ALPHABET, ...LOWER.toUpperCase()]);

/** `.` repeated `count` times, in runs of at most 1000 (RE2 refuses larger or nested repeat counts). */
export function atLeastChars(count: number): string {
  const runs: string[] = [];
  for (let left = count; left > 0; left -= 1000) runs.push(`.{${Math.min(left, 1000)}}`);
  return runs.join('');
}

/** A port a browser sends: 1 to 65535 without a leading zero (the matcher's `isPortAt`). */
export const PORT = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';

/** A host's labels as the matcher reads them: no leading dot, no two dots in a row. */
const LABEL = '[a-z0-9_-]+';

/**
 * The shape of a serialized origin (`isSerializedOrigin` in the core, without `null` and
 * without its length bound): `scheme://host[:port]`, lowercase.
 */
export const ORIGIN_SHAPE = `^[a-z][a-z0-9+.-]*://(?:\\[[0-9a-f:.]*\\]|${LABEL}(?:\\.${LABEL})*\\.?)(?::${PORT})?$`;

/** An origin pattern, as the core parsed it. */
interface PatternParts {
  readonly scheme: string;
  readonly host: string;
  readonly anySubdomain: boolean;
  readonly port: string;
}

/**
 * The anchored expression of an origin or pattern: `https://*.myapp.es` is one or more labels
 * before `.myapp.es`, never the apex; `:*` is any port or none.
 */
export function patternExpression(p: PatternParts): string {
  const labels = p.anySubdomain ? `(?:${LABEL}\\.)+` : '';
  const port = p.port === '*' ? `(?::${PORT})?` : p.port === '' ? '' : `:${p.port}`;
  return `^${literal(p.scheme)}://${labels}${literal(p.host)}${port}$`;
}

// ── Access-Control-Request-Headers ────────────────────────────────────────────────────────────

/** One header name among `names` (lowercase), matched under `(?i)`. */
export function oneOf(names: readonly string[]): string {
  return names.length === 1 ? literal(names[0]!) : `(?:${names.map(literal).join('|')})`;
}

interface Trie {
  terminal: boolean;
  readonly children: Map<string, Trie>;
}

function trieOf(names: readonly string[]): Trie {
  const root: Trie = { terminal: false, children: new Map() };
  for (const name of names) {
    let node = root;
    for (const char of name) {
      let next = node.children.get(char);
      if (next === undefined) {
        next = { terminal: false, children: new Map() };
        node.children.set(char, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return root;
}

const ALPHABET_CLASS = charClass(TOKEN_ALPHABET);

/**
 * A whole token that is none of `names` (lowercase), under `(?i)`, without look-ahead (RE2 has
 * none): from each node of the names' trie, either stop where no name ends, or go on with a
 * character no name continues with (then anything), or follow a name one character further.
 */
export function noneOf(names: readonly string[]): string {
  const walk = (node: Trie, depth: number): string => {
    const others = TOKEN_ALPHABET.filter((char) => !node.children.has(char));
    const branches: string[] = [];
    if (others.length > 0) branches.push(`${charClass(others)}${ALPHABET_CLASS}*`);
    for (const [char, child] of node.children) branches.push(`${literalChar(char)}${walk(child, depth + 1)}`);
    const group = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    // A name may stop here when it is longer than one character and no listed name ends here.
    return depth > 0 && !node.terminal ? `(?:${group})?` : group;
  };
  return walk(trieOf(names), 0);
}

/** Any token (under `(?i)`). */
export const ANY_TOKEN = `${ALPHABET_CLASS}+`;

const OWS = '[ \\t]*';
const SEPARATORS = '[ \\t,]*';

/**
 * A whole Access-Control-Request-Headers value whose names are all `allowed` (one name's
 * expression, or undefined when none is); empty elements and OWS are accepted as the core's
 * parser accepts them. The count is bounded apart (`atLeastNames`): a repeated expression
 * this size is too large for PCRE once counted.
 */
export function allowedList(allowed: string | undefined): string {
  if (allowed === undefined) return `^(?i)${SEPARATORS}$`;
  return `^(?i)${SEPARATORS}(?:${allowed}${OWS}(?:,${SEPARATORS}|$))*$`;
}

/**
 * The value whose first problem, in the core's reading order, is a `refused` name: every name
 * before it allowed (group 1, whose names `atLeastNames` counts), the refused one (group 2)
 * followed by OWS and a comma or the end.
 */
export function refusedAt(allowed: string | undefined, refused: string): string {
  const before = allowed === undefined ? SEPARATORS : `${SEPARATORS}(?:${allowed}${OWS},${SEPARATORS})*`;
  return `^(?i)(${before})(${refused})${OWS}(?:,|$)`;
}

/** A list with at least `count` names (runs of characters other than OWS and commas). */
export function atLeastNames(count: number): string {
  return `^(?:${SEPARATORS}[^ \\t,]+){${count}}`;
}
