// Reading the list options on their own: `allowMethods`, `allowHeaders`, `exposeHeaders`.
// Each accepts a list or `'*'`; names are checked against the Fetch Standard's rules and
// normalised to what browsers send (methods) or compare (lowercase header names).

import type { CorsConfigProblem } from './config-error.js';
import { describeValue } from './describe-value.js';
import { isToken } from './http-tokens.js';
import { isForbiddenMethod, normalizeMethod } from './methods.js';
import { isForbiddenRequestHeader, NEVER_EXPOSED_RESPONSE_HEADERS, NEVER_WILDCARDED_REQUEST_HEADER } from './protocol.js';
import { DEFAULT_ALLOW_HEADERS, DEFAULT_METHODS, type ResolvedHeaders, type ResolvedMethods } from './resolved-config.js';

type Problems = CorsConfigProblem[];

/** `'GET, POST'` -> `['GET', 'POST']`, for a fix that shows the list the user meant. */
function asList(text: string): string {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}

export function readMethods(value: unknown, problems: Problems): ResolvedMethods {
  if (value === undefined) return { kind: 'default', names: DEFAULT_METHODS };
  if (value === '*') return { kind: 'wildcard' };
  if (!Array.isArray(value)) {
    problems.push({
      code: 'methods.not-a-list',
      path: ['allowMethods'],
      value,
      message: `expected a list of methods or '*', got ${describeValue(value)}`,
      fix:
        typeof value === 'string'
          ? `write allowMethods: ${asList(value)}`
          : typeof value === 'function'
            ? 'list the methods; for methods that depend on the request, build one policy per set and choose with corsByRequest((request) => policy)'
            : "write allowMethods: ['GET', 'POST', 'PUT', 'DELETE']",
    });
    return { kind: 'default', names: DEFAULT_METHODS };
  }
  const names: string[] = [];
  value.forEach((entry: unknown, index) => {
    const path = ['allowMethods', index];
    if (entry === '*') {
      problems.push({ code: 'methods.wildcard-in-list', path, value: entry, message: "'*' cannot be combined with method names", fix: "use allowMethods: '*' on its own" });
    } else if (typeof entry !== 'string' || !isToken(entry)) {
      problems.push({
        code: 'methods.invalid',
        path,
        value: entry,
        message: `${describeValue(entry)} is not a valid HTTP method`,
        fix: 'use a method name made of letters, digits and !#$%&\'*+-.^_`|~, e.g. PATCH',
      });
    } else if (isForbiddenMethod(entry)) {
      problems.push({ code: 'methods.forbidden', path, value: entry, message: `'${entry}' is a forbidden method: browsers never send it`, fix: 'remove it' });
    } else {
      const method = normalizeMethod(entry);
      if (!names.includes(method)) names.push(method);
    }
  });
  return { kind: 'listed', names };
}

function readHeaderList(
  value: unknown,
  name: 'allowHeaders' | 'exposeHeaders',
  fallback: readonly string[],
  problems: Problems,
): ResolvedHeaders {
  if (value === undefined) return { wildcard: false, names: fallback };
  if (value === '*') return { wildcard: true, names: [] };
  if (!Array.isArray(value)) {
    problems.push({
      code: 'headers.not-a-list',
      path: [name],
      value,
      message: `expected a list of header names or '*', got ${describeValue(value)}`,
      fix:
        typeof value === 'string'
          ? `write ${name}: ${asList(value)}`
          : `write ${name}: ['${name === 'allowHeaders' ? 'content-type' : 'x-request-id'}']`,
    });
    return { wildcard: false, names: fallback };
  }
  const names: string[] = [];
  let wildcard = false;
  value.forEach((entry: unknown, index) => {
    if (entry === '*') {
      wildcard = true;
      return;
    }
    if (typeof entry !== 'string' || !isToken(entry)) {
      const trimmed = typeof entry === 'string' ? entry.trim() : '';
      problems.push({
        code: 'headers.invalid',
        path: [name, index],
        value: entry,
        message: `${describeValue(entry)} is not a valid header name`,
        fix: isToken(trimmed) ? `write '${trimmed}'` : trimmed.includes(',') ? `write each name on its own: ${asList(trimmed)}` : "use a header name such as 'x-request-id'",
      });
      return;
    }
    const lower = entry.toLowerCase();
    if (!names.includes(lower)) names.push(lower);
  });
  return { wildcard, names };
}

export function readAllowHeaders(value: unknown, problems: Problems): ResolvedHeaders {
  const list = readHeaderList(value, 'allowHeaders', DEFAULT_ALLOW_HEADERS, problems);
  for (const header of list.names) {
    if (isForbiddenRequestHeader(header)) {
      problems.push({
        code: 'headers.forbidden-request-header',
        path: ['allowHeaders'],
        value: header,
        message: `'${header}' is a forbidden request header: scripts can never set it, so allowing it has no effect`,
        fix: `remove '${header}'`,
      });
    }
  }
  if (!list.wildcard) return list;
  // Beside `*`, only the one name it does not cover means anything.
  const keepsAuthorization = list.names.includes(NEVER_WILDCARDED_REQUEST_HEADER);
  return { wildcard: true, names: keepsAuthorization ? [NEVER_WILDCARDED_REQUEST_HEADER] : [] };
}

export function readExposeHeaders(value: unknown, problems: Problems): ResolvedHeaders {
  const list = readHeaderList(value, 'exposeHeaders', [], problems);
  for (const header of list.names) {
    if (NEVER_EXPOSED_RESPONSE_HEADERS.has(header)) {
      problems.push({
        code: 'headers.never-exposed',
        path: ['exposeHeaders'],
        value: header,
        message: `'${header}' is never exposed to scripts, whatever the server says`,
        fix: `remove '${header}'`,
      });
    }
  }
  return list.wildcard ? { wildcard: true, names: [] } : list;
}
