// RegExp origins, checked at configuration time. A RegExp sees only well-formed serialized
// origins (`scheme://host[:port]`, see origin-matcher.ts), so these checks reason about what
// it can match among those: it must be anchored on every alternative, name a scheme, escape
// the dots of host names, and keep no state between tests. With credentials it must also pin
// the host to a suffix the user controls; a RegExp is too expressive to prove more, so the
// fix for anything else is an origin pattern.

import type { CorsConfigProblem, ProblemPathSegment } from './config-error.js';
import { isSharedSuffix } from './public-suffixes.js';

const SCHEME_SEPARATOR = ':\\/\\/';

type Visit = (char: string, index: number, depth: number) => boolean;

/** Walks a RegExp source, calling `visit` for each character outside escapes and classes; returns the index `visit` stopped at, or -1. */
function scan(source: string, visit: Visit): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (visit(ch, i, depth)) return i;
  }
  return -1;
}

/** The source split at its top-level `|`. */
function alternatives(source: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scan(source, (ch, i, depth) => {
    if (ch === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
    return false;
  });
  parts.push(source.slice(start));
  return parts;
}

function endsWithAnchor(text: string): boolean {
  if (!text.endsWith('$')) return false;
  let backslashes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

function isAnchored(alternative: string): boolean {
  return alternative.startsWith('^') && endsWithAnchor(alternative);
}

/** The alternative without its anchors. */
function body(alternative: string): string {
  return alternative.replace(/^\^/, '').replace(/\$$/, '');
}

/** `body` with a scheme when it has none, so that a suggested fix can match. */
function withScheme(text: string): string {
  if (text.includes(SCHEME_SEPARATOR)) return text;
  // `\.example\.com`: meant as "any subdomain", which needs at least one label before the dot.
  return text.startsWith('\\.') ? `https${SCHEME_SEPARATOR}(?:[a-z0-9-]+\\.)+${text.slice(2)}` : `https${SCHEME_SEPARATOR}${text}`;
}

/** Index of the first unescaped `.` after the scheme separator, outside classes; -1 if none. */
function unescapedHostDot(alternative: string): number {
  const hostStart = alternative.indexOf(SCHEME_SEPARATOR);
  if (hostStart === -1) return -1;
  const offset = hostStart + SCHEME_SEPARATOR.length;
  const found = scan(alternative.slice(offset), (ch) => ch === '.');
  return found === -1 ? -1 : offset + found;
}

/**
 * The host suffix a credentialed alternative pins, or undefined when it pins none: the
 * alternative must be `^https:\/\/...<literal>$`, where the literal tail is either the whole
 * host or starts with an escaped dot (`\.myapp\.es`), so every origin it matches has that
 * host or ends with `.myapp.es`.
 */
function pinnedHost(alternative: string): { host: string; subdomains: boolean } | undefined {
  const prefix = `^https${SCHEME_SEPARATOR}`;
  if (!alternative.startsWith(prefix) || !endsWithAnchor(alternative)) return undefined;
  const hostSource = alternative.slice(prefix.length, -1);
  let i = hostSource.length;
  let literal = '';
  while (i > 0) {
    const ch = hostSource[i - 1]!;
    if (/[a-z0-9-]/i.test(ch) && hostSource[i - 2] !== '\\') {
      literal = ch + literal;
      i--;
    } else if ((ch === '.' || ch === '-') && hostSource[i - 2] === '\\' && hostSource[i - 3] !== '\\') {
      literal = ch + literal;
      i -= 2;
    } else break;
  }
  literal = literal.toLowerCase();
  if (literal === '' || literal === '.') return undefined;
  if (i === 0) return { host: literal, subdomains: false };
  if (literal.startsWith('.')) return { host: literal.slice(1), subdomains: true };
  // `(?:[a-z0-9-]+\.)*myapp\.es`: the host starts with one repeated group, without
  // alternatives or inner groups, each repetition ending in an escaped dot; so what precedes
  // the literal is empty or ends with a dot.
  if (/^\((?:\?:)?[^()|]*\\\.\)[*+?]$/.test(hostSource.slice(0, i))) return { host: literal, subdomains: true };
  return undefined;
}

/** Every problem with one RegExp origin on its own, whatever the other options. */
export function checkRegExpOrigin(re: RegExp, path: readonly ProblemPathSegment[]): CorsConfigProblem[] {
  const problems: CorsConfigProblem[] = [];
  const add = (code: string, message: string, fix: string) => problems.push({ code, path, value: re, message, fix });
  const source = re.source;
  const shown = String(re);

  if (re.global || re.sticky) {
    add(
      'regexp.stateful-flag',
      `${shown} has the '${re.global ? 'g' : 'y'}' flag, which makes test() remember lastIndex and alternate between allowing and refusing the same origin`,
      `remove the flag: /${source}/${re.flags.replace(/[gy]/g, '')}`,
    );
  }

  const alts = alternatives(source);
  if (alts.length === 1 && !isAnchored(source)) {
    add(
      'regexp.unanchored',
      `${shown} is not anchored, so it also matches origins that merely contain a match (https://myapp.es.evil.io)`,
      `anchor it: /^${withScheme(body(source))}$/`,
    );
  } else if (alts.length > 1 && !alts.every(isAnchored)) {
    add(
      'regexp.partly-anchored',
      `${shown} has a top-level '|' whose alternatives are not all anchored, so some match origins that merely contain a match`,
      `group the alternatives: /^(?:${alts.map((a) => withScheme(body(a))).join('|')})$/`,
    );
  }

  // Anchored without a scheme can never match; unanchored, it matches inside origins (above).
  if (alts.every(isAnchored) && alts.some((a) => !body(a).includes(SCHEME_SEPARATOR))) {
    add(
      'regexp.no-scheme',
      `${shown} never matches: an origin always starts with its scheme (https://)`,
      `include the scheme: /^${withScheme(body(alts.find((a) => !body(a).includes(SCHEME_SEPARATOR))!))}$/`,
    );
  }

  for (const alternative of alts) {
    const dot = unescapedHostDot(alternative);
    if (dot === -1) continue;
    const offset = source.indexOf(alternative) + dot;
    add(
      'regexp.unescaped-dot',
      `${shown} has an unescaped '.' at position ${offset} of its host, which matches any character (https://myappxes)`,
      "escape dots in host names ('\\.'), and match a label with a class such as '[a-z0-9-]+'",
    );
    break;
  }

  return problems;
}

/**
 * The problem of a RegExp origin under `credentials: true`, if any: it must pin the host to a
 * suffix the user controls, not a shared one.
 */
export function checkCredentialedRegExp(re: RegExp, path: readonly ProblemPathSegment[]): CorsConfigProblem | undefined {
  const shown = String(re);
  for (const alternative of alternatives(re.source)) {
    const pinned = pinnedHost(alternative);
    if (pinned === undefined) {
      return {
        code: 'regexp.credentials-unpinned',
        path,
        value: re,
        message: `${shown} can match hosts you do not control, and credentials: true would let them read logged-in users' data`,
        fix: "use origin patterns such as 'https://*.myapp.es' and 'https://myapp.es' instead, or an origin function",
      };
    }
    if (pinned.subdomains && isSharedSuffix(pinned.host)) {
      return {
        code: 'regexp.credentials-shared-suffix',
        path,
        value: re,
        message: `${shown} allows every site under the shared suffix '${pinned.host}' to send credentialed requests`,
        fix: `list the exact origins instead (e.g. 'https://app.${pinned.host}'), or set credentials: false`,
      };
    }
  }
  return undefined;
}
