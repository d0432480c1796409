// What each kind of answer sends: its status when the server answers itself (preflights and
// refusals), and its response headers, as templates over request values and classifiers. The
// values are the core's (preflight-answers.ts, actual-answers.ts); refusal texts come from the
// core's own `explainRefusal`, with the request's words put back in as placeholders.

import { explainRefusal, protocol, type ResolvedConfig } from '@portcullis/core/adapter';
import { REFUSAL_HEADER, type CorsRefusal } from '@portcullis/core';

/** A header name as configurations and documentation write it: `access-control-max-age` -> `Access-Control-Max-Age`. */
export const displayCase = (name: string): string => name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());

/** The kind of an answer, as the `kind` classifier names it. */
export type Kind = string;

/** A response header: its template per kind (absent kinds do not send it). */
export interface Output {
  readonly header: string;
  readonly byKind: ReadonlyMap<Kind, string>;
}

/** Kinds that answer a preflight with the policy's status. */
const PREFLIGHT_KINDS = ['preflight', 'preflight-h', 'preflight-method', 'preflight-header', 'preflight-header-unnamed'];
/** Kinds that refuse with a 403. */
const DENY_KINDS = [
  'deny',
  'deny-method',
  'deny-method-unnamed',
  'deny-headers',
  'deny-headers-long',
  'deny-origin',
  'deny-origin-null',
  'deny-origin-malformed',
  'deny-write',
  'deny-write-no-origin',
  'deny-write-host',
  'deny-write-bare',
];
/** Kinds whose answer lets the origin read (or the preflight name what it refuses). */
const OPEN_KINDS = [...PREFLIGHT_KINDS, 'actual'];

// Words of the request, as they appear in the core's texts before the placeholders replace them.
const M = 'XMETHODX';
const H = 'XHEADERX';
const O = 'XORIGINX';
const HOST = 'XHOSTX';

function text(refusal: CorsRefusal): string {
  return explainRefusal(refusal)
    .message.replaceAll(M, '{method_word}')
    .replaceAll(H, '{h_name}')
    .replaceAll(O, '{origin_echo}')
    .replaceAll(HOST, '{host_echo}');
}

/** The refusal text of each explained kind. */
function refusalTexts(config: ResolvedConfig<unknown>): Map<Kind, string> {
  const allowed = config.allowMethods.kind === 'wildcard' ? [] : config.allowMethods.names;
  const write = (origin: string | null, site: string | null) =>
    text({ code: 'write.cross-origin', origin, method: M, secFetchSite: site, host: site === null ? HOST : null });
  return new Map<Kind, string>([
    ['preflight-method', text({ code: 'method.not-allowed', origin: O, method: M, allowed }).replace('{method_word}', '{acrm}')],
    ['deny-method', text({ code: 'method.invalid', origin: O, method: M }).replace('{method_word}', '{acrm}')],
    ['deny-method-unnamed', text({ code: 'method.invalid', origin: O, method: '' })],
    [
      'preflight-header',
      config.allowHeaders.wildcard
        ? text({ code: 'header.authorization-not-covered', origin: O, header: protocol.NEVER_WILDCARDED_REQUEST_HEADER })
        : text({ code: 'header.not-allowed', origin: O, header: H, allowed: [] }),
    ],
    ['preflight-header-unnamed', text({ code: 'header.not-allowed', origin: O, header: '', allowed: [] })],
    // The core also says how long the value is, or where it breaks: no server can count that.
    ['deny-headers-long', `Access-Control-Request-Headers is over the limit of ${protocol.MAX_REQUEST_HEADERS_LENGTH} characters`],
    ['deny-headers', `Access-Control-Request-Headers is not a list of at most ${protocol.MAX_REQUEST_HEADERS_COUNT} header names`],
    ['deny-origin', text({ code: 'origin.not-allowed', origin: O })],
    ['deny-origin-null', text({ code: 'origin.null', origin: 'null' })],
    ['deny-origin-malformed', text({ code: 'origin.malformed', origin: O })],
    // The site word is the request's own when it is cross-site or same-site.
    ['deny-write', write(O, 'cross-site').replace(/^cross-site /, '{site_word} ')],
    ['deny-write-no-origin', write(null, 'cross-site').replace(/^cross-site /, '{site_word} ')],
    ['deny-write-host', write(O, null)],
  ]);
}

/** The same template for several kinds; an empty value is no header at all (servers cannot send one empty). */
function perKind(kinds: readonly Kind[], value: string): Map<Kind, string> {
  return new Map(value === '' ? [] : kinds.map((kind) => [kind, value]));
}

export function compileOutputs(config: ResolvedConfig<unknown>): {
  outputs: Output[];
  answered: Map<Kind, number>;
  vary: Map<Kind, readonly string[]>;
} {
  const any = config.origin.kind === 'any';
  const methods = config.allowMethods;
  const headers = config.allowHeaders;
  const acam = methods.kind === 'wildcard' ? '*' : methods.names.join(', ');
  const reflectMethod = methods.kind === 'wildcard' && config.credentials;
  const reflectHeaders = headers.wildcard && config.credentials;
  const acah = [...(headers.wildcard ? ['*'] : []), ...headers.names].join(', ');
  const outputs: Output[] = [{ header: displayCase(protocol.ACAO), byKind: perKind(OPEN_KINDS, any ? '*' : '{origin}') }];
  if (config.credentials) outputs.push({ header: displayCase(protocol.ACAC), byKind: perKind(OPEN_KINDS, 'true') });
  const answerMethods = reflectMethod ? '{acrm}' : acam;
  outputs.push({
    header: displayCase(protocol.ACAM),
    byKind: new Map([...perKind(['preflight', 'preflight-h', 'preflight-header', 'preflight-header-unnamed'], answerMethods), ...perKind(['preflight-method'], acam)]),
  });
  // Under '*', only authorization is ever refused, and only when it is not listed.
  const refusedHeaders = !headers.wildcard ? headers.names.join(', ') : headers.names.includes(protocol.NEVER_WILDCARDED_REQUEST_HEADER) ? '' : '{h_except}';
  const acahByKind = new Map<Kind, string>([['preflight-h', reflectHeaders ? '{acrh}' : acah]]);
  if (refusedHeaders !== '') for (const kind of ['preflight-header', 'preflight-header-unnamed']) acahByKind.set(kind, refusedHeaders);
  outputs.push({ header: displayCase(protocol.ACAH), byKind: acahByKind });
  outputs.push({ header: displayCase(protocol.ACMA), byKind: perKind(['preflight', 'preflight-h'], String(config.maxAge)) });
  if (config.preflightCacheControl !== undefined) {
    outputs.push({ header: displayCase(protocol.CACHE_CONTROL), byKind: perKind(['preflight', 'preflight-h'], config.preflightCacheControl) });
  }
  const expose = config.exposeHeaders;
  if (expose.wildcard || expose.names.length > 0) {
    outputs.push({ header: displayCase(protocol.ACEH), byKind: perKind(['actual'], expose.wildcard ? '*' : expose.names.join(', ')) });
  }
  if (config.explainRefusals) outputs.push({ header: displayCase(REFUSAL_HEADER), byKind: refusalTexts(config) });

  const answered = new Map<Kind, number>([...PREFLIGHT_KINDS.map((k) => [k, config.preflightStatus] as const), ...DENY_KINDS.map((k) => [k, 403] as const)]);
  const origin = any ? [] : [protocol.VARY_ORIGIN];
  const preflightVary = [...origin, ...protocol.PREFLIGHT_VARY_TOKENS];
  const vary = new Map<Kind, readonly string[]>();
  for (const kind of [...PREFLIGHT_KINDS, ...DENY_KINDS]) vary.set(kind, preflightVary);
  // A refused write is no preflight: it varies by Origin only.
  for (const kind of ['deny-write', 'deny-write-no-origin', 'deny-write-host', 'deny-write-bare']) vary.set(kind, origin);
  for (const kind of ['actual', 'refused', 'none']) vary.set(kind, origin);
  return { outputs, answered, vary };
}
