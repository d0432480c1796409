// CorsConfigProblemCode is closed and documented: every member has its doc comment in
// src/problem-codes.ts, and every member is produced by a configuration. The table below is a
// Record over the union, so the type checker refuses a code that has no case, and a case for a
// code that does not exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cors, CorsConfigError, type CorsConfigProblemCode } from '../src/index.js';

const ROOT = join(import.meta.dirname, '../..');

/** Core options producing the code, or the adapter package whose configuration does. */
type Case = { readonly options: unknown } | { readonly adapter: 'fastify' | 'next' | 'bun' };

const A = 'https://myapp.es';

const CASES: Record<CorsConfigProblemCode, Case> = {
  'options.not-an-object': { options: 'https://myapp.es' },
  'option.renamed': { options: { origin: A, allowedHeaders: ['x'] } },
  'option.unsupported': { options: { origin: A, preflightContinue: true } },
  'option.unknown': { options: { origin: A, banana: 1 } },
  'option.not-a-boolean': { options: { origin: A, credentials: 'yes' } },
  'option.out-of-range': { options: { origin: A, maxAge: -1 } },
  'option.invalid-cache-control': { options: { origin: A, preflightCacheControl: 'a\nb' } },
  'option.invalid-listener': { options: { origin: A, onRefusal: 'console' } },
  'origin.missing': { options: {} },
  'origin.empty-list': { options: { origin: [] } },
  'origin.reflect-all': { options: { origin: true } },
  'origin.none': { options: { origin: false } },
  'origin.wildcard-in-list': { options: { origin: [A, '*'] } },
  'origin.wildcard-with-credentials': { options: { origin: '*', credentials: true } },
  'origin.invalid-entry': { options: { origin: [42] } },
  'origin.comma-list': { options: { origin: `${A}, https://b.es` } },
  'origin.null': { options: { origin: 'null' } },
  'origin.file': { options: { origin: 'file://' } },
  'origin.no-scheme': { options: { origin: 'myapp.es' } },
  'origin.invalid-scheme': { options: { origin: '1x://myapp.es' } },
  'origin.unsupported-scheme': { options: { origin: 'wss://myapp.es' } },
  'origin.white-space': { options: { origin: ` ${A}` } },
  'origin.uppercase': { options: { origin: 'https://MyApp.es' } },
  'origin.trailing-slash': { options: { origin: `${A}/` } },
  'origin.path': { options: { origin: `${A}/app` } },
  'origin.query': { options: { origin: `${A}?x` } },
  'origin.fragment': { options: { origin: `${A}#x` } },
  'origin.user-info': { options: { origin: 'https://u@myapp.es' } },
  'origin.invalid-ipv6': { options: { origin: 'http://[::1' } },
  'origin.invalid-host': { options: { origin: 'https://my$app.es' } },
  'origin.no-host': { options: { origin: 'https://' } },
  'origin.empty-port': { options: { origin: `${A}:` } },
  'origin.invalid-port': { options: { origin: `${A}:abc` } },
  'origin.port-out-of-range': { options: { origin: `${A}:70000` } },
  'origin.port-leading-zeros': { options: { origin: `${A}:08443` } },
  'origin.default-port': { options: { origin: `${A}:443` } },
  'origin.misplaced-wildcard': { options: { origin: 'https://app.*.es' } },
  'origin.non-ascii-host': { options: { origin: 'https://bücher.es' } },
  'origin.trailing-dot': { options: { origin: `${A}.` } },
  'origin.empty-label': { options: { origin: 'https://a..es' } },
  'origin.ip-subdomains': { options: { origin: 'http://*.[::1]:8080' } },
  'origin.not-canonical': { options: { origin: 'http://127.1' } },
  'origin.credentialed-shared-suffix': { options: { origin: 'https://*.js.org', credentials: true } },
  'origin.insecure-with-credentials': { options: { origin: 'http://myapp.es', credentials: true } },
  'regexp.stateful-flag': { options: { origin: /^https:\/\/myapp\.es$/g } },
  'regexp.unanchored': { options: { origin: /^https:\/\/myapp\.es/ } },
  'regexp.partly-anchored': { options: { origin: /^https:\/\/a\.es|https:\/\/b\.es$/ } },
  'regexp.no-scheme': { options: { origin: /^myapp\.es$/ } },
  'regexp.unescaped-dot': { options: { origin: /^https:\/\/myapp.es$/ } },
  'regexp.backtracking': { options: { origin: /^https:\/\/([a-z0-9]+)+\.myapp\.es$/ } },
  'regexp.unchecked-syntax': { options: { origin: /^https:\/\/(a+)\1\.myapp\.es$/ } },
  'regexp.credentials-unpinned': { options: { origin: /^https:\/\/[^/]+$/, credentials: true } },
  'regexp.credentials-shared-suffix': { options: { origin: /^https:\/\/[a-z0-9-]+\.com$/, credentials: true } },
  'methods.not-a-list': { options: { origin: A, allowMethods: 'GET' } },
  'methods.wildcard-in-list': { options: { origin: A, allowMethods: ['GET', '*'] } },
  'methods.invalid': { options: { origin: A, allowMethods: ['GET PUT'] } },
  'methods.forbidden': { options: { origin: A, allowMethods: ['TRACE'] } },
  'headers.not-a-list': { options: { origin: A, allowHeaders: 'x-user' } },
  'headers.invalid': { options: { origin: A, allowHeaders: ['x user'] } },
  'headers.forbidden-request-header': { options: { origin: A, allowHeaders: ['cookie'] } },
  'headers.never-exposed': { options: { origin: A, exposeHeaders: ['set-cookie'] } },
  'headers.expose-wildcard-with-credentials': { options: { origin: A, credentials: true, exposeHeaders: '*' } },
  'writes.any-origin': { options: { origin: '*', protectWrites: true } },
  'option.invalid-preflight': { adapter: 'fastify' },
  'policies.invalid': { adapter: 'fastify' },
  'route.invalid-cors': { adapter: 'fastify' },
  'route.variants-differ': { adapter: 'fastify' },
  'route.outside-scope': { adapter: 'fastify' },
  'handlers.not-an-object': { adapter: 'next' },
  'handlers.unknown-method': { adapter: 'next' },
  'handlers.not-a-function': { adapter: 'next' },
  'handlers.empty': { adapter: 'next' },
  'target.method-table': { adapter: 'bun' },
  'target.static-response': { adapter: 'bun' },
  'target.not-servable': { adapter: 'bun' },
};

/** The union's members as written in src/problem-codes.ts, each with the doc comment above it. */
function documentedMembers(): { code: string; doc: string | undefined }[] {
  const lines = readFileSync(join(ROOT, 'core/src/problem-codes.ts'), 'utf8').split('\n');
  return lines.flatMap((line, i) => {
    const member = /^\s*\| '([a-z0-9-]+\.[a-z0-9-]+)'/.exec(line);
    if (member === null) return [];
    const above = /^\s*\/\*\* (.+) \*\/$/.exec(lines[i - 1] ?? '');
    return [{ code: member[1]!, doc: above?.[1] }];
  });
}

function codesOf(options: unknown): string[] {
  try {
    cors(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    return (error as CorsConfigError).problems.map((p) => p.code);
  }
  return [];
}

describe('CorsConfigProblemCode', () => {
  it('lists in the source exactly the codes of the table, each once', () => {
    const members = documentedMembers().map((m) => m.code);
    expect(new Set(members).size).toBe(members.length);
    expect([...members].sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(documentedMembers())('$code is documented', ({ doc }) => {
    expect(doc?.length ?? 0).toBeGreaterThan(10);
  });

  it.each(Object.entries(CASES).map(([code, c]) => ({ code, c })))('$code is produced by a configuration', ({ code, c }) => {
    if ('options' in c) {
      expect(codesOf(c.options)).toContain(code);
    } else {
      // Produced by the adapter's own configuration, which its tests cover.
      const sources = ['options.ts', 'peer-options.ts', 'policies.ts', 'plugin.ts', 'route-mirror.ts', 'route-handlers.ts', 'targets.ts']
        .map((file) => join(ROOT, c.adapter, 'src', file))
        .filter((file) => { try { readFileSync(file); return true; } catch { return false; } })
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n');
      expect(sources).toContain(`'${code}'`);
    }
  });
});
