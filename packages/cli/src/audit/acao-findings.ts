// What the Access-Control-Allow-Origin header itself gets wrong, whoever asks: a value that
// blocks the trusted page (a list, a trailing slash, several lines), and `*` beside
// `Access-Control-Allow-Credentials: true`.

import { checkOrigin } from '@portcullis/browser-model';
import { CLASSES } from './classes.js';
import { allowsAny, header, headerLines, type Draft, type Judged } from './judged.js';
import type { ProbeExchange } from './types.js';

const ACAO = 'access-control-allow-origin';

/** Why this answer's Access-Control-Allow-Origin is not one origin, or undefined when it is (or is absent). */
export function malformed(exchange: ProbeExchange): string | undefined {
  const lines = headerLines(exchange, ACAO);
  if (lines.length > 1) return `${lines.length} Access-Control-Allow-Origin lines: ${lines.map((l) => JSON.stringify(l)).join(', ')}`;
  const value = lines[0];
  if (value === undefined || value === '*' || value === 'null') return undefined;
  if (/[,\s]/.test(value)) return `Access-Control-Allow-Origin: ${value} is a list; browsers accept exactly one origin`;
  const origin = checkOrigin(value);
  return origin.ok ? undefined : `Access-Control-Allow-Origin: ${value}: ${origin.problem}`;
}

/** `invalid-acao`: a trusted origin that the intended policy lets read, blocked by a malformed header. */
export function invalidAcao(all: readonly Judged[]): Draft[] {
  const blocked = all.filter((j) => j.spec.looksFor === 'trusted' && allowsAny(j.intended) && !allowsAny(j.observed));
  for (const judged of blocked) {
    const exchange = judged.observed.exchanges.find((e) => malformed(e) !== undefined);
    if (exchange === undefined) continue;
    return [
      {
        id: 'invalid-acao',
        severity: 'low',
        title: CLASSES['invalid-acao'].title,
        attacker: `nothing more than before; but the page on ${judged.spec.origin} that you trust is blocked: ${malformed(exchange)}`,
        evidence: [judged.spec.id],
        proof: exchange,
      },
    ];
  }
  return [];
}

/** `wildcard-credentials`: any answer with `*` and `Access-Control-Allow-Credentials: true`. */
export function wildcardCredentials(all: readonly Judged[]): Draft[] {
  for (const judged of all) {
    const exchange = judged.observed.exchanges.find(
      (e) => headerLines(e, ACAO).length === 1 && header(e, ACAO) === '*' && header(e, 'access-control-allow-credentials')?.toLowerCase() === 'true',
    );
    if (exchange === undefined) continue;
    return [
      {
        id: 'wildcard-credentials',
        severity: 'low',
        title: CLASSES['wildcard-credentials'].title,
        attacker:
          "no page reads it with the user's cookies (browsers refuse * with credentials, so your own credentialed page is blocked too); " +
          'every page reads it without cookies',
        evidence: [judged.spec.id],
        proof: exchange,
      },
    ];
  }
  return [];
}
