// `missing-vary`: the CORS headers of a GET answer depend on the request's Origin, and an
// answer lacks `Vary: Origin`, so a shared cache may give one origin's answer to another
// (Fetch Standard, "CORS protocol and HTTP caches"). Worse when the answer is cacheable.

import { CLASSES } from './classes.js';
import { header, requestOrigin, type Draft, type Judged } from './judged.js';
import type { ProbeExchange } from './types.js';

/** The answers to GET and HEAD, whoever asked. */
function reads(all: readonly Judged[]): { judged: Judged; exchange: ProbeExchange }[] {
  return all.flatMap((judged) =>
    judged.observed.exchanges
      .filter((e) => e.request.kind === 'actual' && (e.request.method === 'GET' || e.request.method === 'HEAD'))
      .map((exchange) => ({ judged, exchange })),
  );
}

function corsKey(exchange: ProbeExchange): string {
  return `${header(exchange, 'access-control-allow-origin') ?? ''}|${header(exchange, 'access-control-allow-credentials') ?? ''}`;
}

function variesOnOrigin(exchange: ProbeExchange): boolean {
  const vary = (header(exchange, 'vary') ?? '').split(',').map((v) => v.trim().toLowerCase());
  return vary.includes('origin') || vary.includes('*');
}

/** Whether a shared cache may store the answer and serve it without asking the server (RFC 9111). */
export function sharedCacheable(exchange: ProbeExchange): boolean {
  const directives = (header(exchange, 'cache-control') ?? '').toLowerCase().split(',').map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'private' || d === 'no-cache')) return false;
  if (directives.some((d) => d === 'public' || d.startsWith('s-maxage='))) return true;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  if (maxAge !== undefined) return Number(maxAge.slice('max-age='.length)) > 0;
  return header(exchange, 'expires') !== null;
}

export function missingVary(all: readonly Judged[]): Draft[] {
  const answers = reads(all);
  if (new Set(answers.map((a) => corsKey(a.exchange))).size < 2) return [];
  const lacking = answers.filter((a) => !variesOnOrigin(a.exchange));
  if (lacking.length === 0) return [];
  const cacheable = lacking.filter((a) => sharedCacheable(a.exchange));
  const shown = cacheable[0] ?? lacking.find((a) => a.judged.spec.looksFor === 'trusted') ?? lacking[0]!;
  const origin = requestOrigin(shown.exchange);
  const cacheNote = cacheable.length > 0 ? `it is cacheable (Cache-Control: ${header(shown.exchange, 'cache-control') ?? '-'}${header(shown.exchange, 'expires') ? `, Expires` : ''}), so` : 'if a cache stores it,';
  return [
    {
      id: 'missing-vary',
      severity: cacheable.length > 0 ? 'medium' : 'low',
      title: CLASSES['missing-vary'].title,
      attacker:
        `the answer ${origin === null ? 'to a request without Origin' : `for Origin: ${origin}`} lacks Vary: Origin, and ${cacheNote} ` +
        'a shared cache can serve it to pages on other origins: one origin\'s Access-Control-Allow-Origin to another (cache poisoning), or an answer without it that blocks your own page',
      evidence: [...new Set(lacking.map((a) => a.judged.spec.id))],
      proof: shown.exchange,
    },
  ];
}
