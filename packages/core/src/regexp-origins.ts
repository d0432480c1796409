// RegExp origins, checked at configuration time. A RegExp sees only well-formed serialized
// origins (`scheme://host[:port]`, see origin-matcher.ts), so these checks reason about what
// it can match among those: it must be anchored on every alternative, name a scheme, escape
// the dots of host names, and keep no state between tests. With credentials it must also pin
// the host to a suffix the user controls; a RegExp is too expressive to prove more, so the
// fix for anything else is an origin pattern.

import type { CorsConfigProblem, ProblemPathSegment } from './config-error.js';
import type { CorsConfigProblemCode } from './problem-codes.js';
import { isSharedSuffix } from './public-suffixes.js';
import { backtrackingGrowth } from './regexp-backtracking.js';
import { parseRegExp, sampleText, UnsupportedRegExp } from './regexp-syntax.js';

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
 * The literal end of a host's source (`myapp\.es` of `[a-z]+\.myapp\.es`), lowercase, and the
 * index where it starts: letters, digits, and escaped dots and hyphens.
 */
function literalTail(hostSource: string): { literal: string; start: number } {
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
  return { literal: literal.toLowerCase(), start: i };
}

/**
 * The host suffix a credentialed alternative pins, or undefined when it pins none: the
 * alternative must be `^https:\/\/...<literal>$`, where the literal tail is either the whole
 * host or starts with an escaped dot (`\.myapp\.es`), so every origin it matches has that
 * host or ends with `.myapp.es`.
 */
function pinnedHost(alternative: string, scheme = 'https'): { host: string; subdomains: boolean } | undefined {
  const prefix = `^${scheme}${SCHEME_SEPARATOR}`;
  if (!alternative.startsWith(prefix) || !endsWithAnchor(alternative)) return undefined;
  const hostSource = alternative.slice(prefix.length, -1);
  const { literal, start } = literalTail(hostSource);
  if (literal === '' || literal === '.') return undefined;
  if (start === 0) return { host: literal, subdomains: false };
  if (literal.startsWith('.')) return { host: literal.slice(1), subdomains: true };
  // `(?:[a-z0-9-]+\.)*myapp\.es`: the host starts with one repeated group, without
  // alternatives or inner groups, each repetition ending in an escaped dot; so what precedes
  // the literal is empty or ends with a dot.
  if (/^\((?:\?:)?[^()|]*\\\.\)[*+?]$/.test(hostSource.slice(0, start))) return { host: literal, subdomains: true };
  return undefined;
}

/**
 * The origin pattern a one-alternative RegExp stands for, as far as its literal host tail
 * tells (`^https:\/\/[a-z]+\.myapp\.es$` -> `https://*.myapp.es`), for a fix; undefined if none.
 */
function equivalentPattern(source: string): string | undefined {
  for (const scheme of ['https', 'http']) {
    const pinned = pinnedHost(source, scheme);
    if (pinned !== undefined) return `${scheme}://${pinned.subdomains ? '*.' : ''}${pinned.host}`;
  }
  return undefined;
}

/** A RegExp that reads a host's labels one by one, for fixes: `^https:\/\/(?:[a-z0-9-]+\.)+myapp\.es$`. */
function labelsRegExp(pattern: string | undefined): string {
  const [scheme, host] = (pattern ?? 'https://*.myapp.es').split('://') as [string, string];
  const escaped = host.replace(/^\*\./, '').replace(/\./g, '\\.');
  return `/^${scheme}:\\/\\/${host.startsWith('*.') ? '(?:[a-z0-9-]+\\.)+' : ''}${escaped}$/`;
}

/** Every problem with one RegExp origin on its own, whatever the other options. */
export function checkRegExpOrigin(re: RegExp, path: readonly ProblemPathSegment[]): CorsConfigProblem[] {
  const problems: CorsConfigProblem[] = [];
  const add = (code: CorsConfigProblemCode, message: string, fix: string) => problems.push({ code, path, value: re, message, fix });
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
    const { message, fix } = explainDot(re, alternative, source.indexOf(alternative) + dot);
    add('regexp.unescaped-dot', message, fix);
    break;
  }

  const backtracking = backtrackingProblem(re);
  if (backtracking !== undefined) add(backtracking.code, backtracking.message, backtracking.fix);
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

/**
 * An unescaped `.` in a host, said as what it is: a bare `.` matches any one character, `.*`
 * and `.+` any run of them; each shown on a host the RegExp really matches.
 */
function explainDot(re: RegExp, alternative: string, at: number): { message: string; fix: string } {
  const source = re.source;
  const quantifier = source[at + 1] === '*' || source[at + 1] === '+' ? source[at + 1]! : '';
  const token = `.${quantifier}`;
  const rest = source.slice(at + token.length);
  const stand = quantifier === '' ? 'x' : 'x_y';
  const example = exampleMatch(re, `${source.slice(0, at)}${stand}${rest}`);
  const shown = `${String(re)} has ${quantifier === '' ? "an unescaped '.'" : `'${token}'`} at index ${at} of its source`;
  const what = quantifier === '' ? 'which matches any character, not only a dot' : "which matches any characters, not only a host's labels and dots";
  const message = `${shown}, ${what}${example === undefined ? '' : `: it also matches ${example}`}`;
  if (quantifier === '') return { message, fix: `escape it: /${source.slice(0, at)}\\${source.slice(at)}/${re.flags}` };
  const labels = rest.startsWith('\\.') ? `(?:[a-z0-9-]+\\.)+${rest.slice(2)}` : `[a-z0-9-]+${rest}`;
  const pattern = alternative === source ? equivalentPattern(`${source.slice(0, at)}${labels}`) : undefined;
  const regexp = `/${source.slice(0, at)}${labels}/${re.flags}`;
  return { message, fix: pattern === undefined ? `match labels with a class: ${regexp}` : `write the origin pattern '${pattern}', or match labels with a class: ${regexp}` };
}

/** The shortest text `source` reads, if `re` matches it too. */
function exampleMatch(re: RegExp, source: string): string | undefined {
  try {
    const text = sampleText(parseRegExp(source, re.flags));
    return new RegExp(re.source, re.flags.replace(/[gy]/g, '')).test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses a RegExp whose matching time can grow faster than the Origin (see regexp-backtracking.ts). */
function backtrackingProblem(re: RegExp): { code: CorsConfigProblemCode; message: string; fix: string } | undefined {
  const shown = String(re);
  const pattern = equivalentPattern(re.source);
  const instead = pattern === undefined ? "origin patterns such as 'https://*.myapp.es'" : `the origin pattern '${pattern}'`;
  const fix = `write ${instead}, or a RegExp whose repeated parts cannot read the same text, such as ${labelsRegExp(pattern)}`;
  let growth: ReturnType<typeof backtrackingGrowth>;
  try {
    growth = backtrackingGrowth(re);
  } catch (error) {
    if (!(error instanceof UnsupportedRegExp)) throw error;
    return { code: 'regexp.unchecked-syntax', message: `${shown} uses ${error.message}, so it cannot be checked to match in time linear in the Origin`, fix };
  }
  if (growth === undefined) return undefined;
  const how = growth === 'exponential' ? 'exponential in' : 'polynomial in';
  return {
    code: 'regexp.backtracking',
    message: `${shown} can read the same text in more than one way, so matching it takes time ${how} the Origin's length and one long Origin can block the server`,
    fix,
  };
}
