// The request, read the way the core reads it, as a chain of small classifiers: each reads
// request values (`{origin}`) and earlier classifiers (`{o}`) joined into one string, and takes
// the value of its first matching rule. Every server evaluates such tables natively (nginx's
// `map`, Caddy's `map`, Apache's `SetEnvIfExpr`); the last one, `kind`, names the answer.

import { protocol, type ResolvedConfig } from '@portcullis/core/adapter';
import {
  allowedList,
  ANY_TOKEN,
  atLeastChars,
  atLeastNames,
  literal,
  noneOf,
  oneOf,
  ORIGIN_SHAPE,
  patternExpression,
  refusedAt,
  TOKEN_CHAR,
} from './regex.js';
import { translateRegExp } from './regexp-origins.js';

/** One row of a table: when `pattern` matches the source, the classifier's value (`{1}` is a capture). */
export interface Rule {
  readonly pattern: string;
  readonly value: string;
}

/** A table over `source`, a template of request values and earlier classifiers. */
interface TableClassifier {
  readonly type: 'table';
  readonly name: string;
  readonly source: string;
  readonly rules: readonly Rule[];
  /** The value when no rule matches. */
  readonly fallback: string;
  /** Whether the value may be empty where a header uses it (the header is then left out). */
  readonly mayBeEmpty?: boolean;
}

/** `1` when two values are equal (the origin's host and the request's), else empty or `0`. */
interface EqualityClassifier {
  readonly type: 'equal';
  readonly name: string;
  readonly left: string;
  readonly right: string;
}

export type Classifier = TableClassifier | EqualityClassifier;

const table = (name: string, source: string, rules: readonly Rule[], fallback: string, mayBeEmpty = false): TableClassifier => ({
  type: 'table',
  name,
  source,
  rules,
  fallback,
  ...(mayBeEmpty ? { mayBeEmpty } : {}),
});

/** A value a browser may send as itself: visible ASCII, short enough to repeat (the core's `echoOrigin`). */
const ECHOABLE = `^([\\x21-\\x7e]{1,${protocol.MAX_ECHOED_ORIGIN_LENGTH}})$`;
/** The one request header a `*` never covers: it is refused unless listed by name. */
const AUTHORIZATION = protocol.NEVER_WILDCARDED_REQUEST_HEADER;
// The core adds the length, which no server's configuration can count.
const UNPRINTABLE = 'an unprintable Origin';

/** The anchored expressions of the allowed origins: exact origins, patterns, RegExps. */
function originExpressions(config: ResolvedConfig<unknown>): string[] {
  if (config.origin.kind !== 'list') return [];
  return [...config.origin.patterns.map(patternExpression), ...config.origin.regexps.map(translateRegExp)];
}

function originClassifiers(config: ResolvedConfig<unknown>): Classifier[] {
  if (config.origin.kind === 'any') return [table('o', '{origin}', [{ pattern: '^$', value: 'none' }], 'any')];
  return [
    // The core's order: `null`, then the shape of a serialized origin (at most 1024
    // characters), and only then the configured origins, so that a RegExp sees what a browser sends.
    table(
      'shape',
      '{origin}',
      [
        { pattern: '^$', value: 'none' },
        { pattern: '^null$', value: 'null' },
        { pattern: `^${atLeastChars(protocol.MAX_ORIGIN_LENGTH + 1)}`, value: 'bad' },
        { pattern: ORIGIN_SHAPE, value: 'ok' },
      ],
      'bad',
    ),
    table('match', '{origin}', originExpressions(config).map((pattern) => ({ pattern, value: '1' })), '0'),
    table(
      'o',
      '{shape}{match}',
      [
        { pattern: '^none', value: 'none' },
        { pattern: '^null', value: 'null' },
        { pattern: '^bad', value: 'malformed' },
        { pattern: '^ok1$', value: 'allowed' },
      ],
      'other',
    ),
  ];
}

function methodClassifier(config: ResolvedConfig<unknown>): Classifier {
  const methods = config.allowMethods;
  const safelisted = [...protocol.SAFELISTED_METHODS];
  const listed = [...safelisted, ...(methods.kind === 'wildcard' ? [] : methods.names.filter((m) => !protocol.SAFELISTED_METHODS.has(m)))];
  const forbidden = [...protocol.FORBIDDEN_METHODS].map((m) => m.toLowerCase()).join('|');
  return table(
    'm',
    '{acrm}',
    [
      { pattern: '^$', value: 'none' },
      { pattern: `^(?:${listed.map(literal).join('|')})$`, value: 'ok' },
      { pattern: `^(?i)(?:${forbidden})$`, value: 'forbidden' },
      { pattern: `^${TOKEN_CHAR}{1,${protocol.MAX_METHOD_LENGTH}}$`, value: methods.kind === 'wildcard' ? 'ok' : 'refused' },
    ],
    'invalid',
  );
}

/** The names allowed and refused, each as one name's expression (undefined: none). */
function headerNames(config: ResolvedConfig<unknown>): { allowed: string | undefined; refused: string | undefined } {
  const { wildcard, names } = config.allowHeaders;
  if (!wildcard) return { allowed: names.length === 0 ? undefined : oneOf(names), refused: noneOf(names) };
  if (names.includes(AUTHORIZATION)) return { allowed: ANY_TOKEN, refused: undefined };
  return { allowed: noneOf([AUTHORIZATION]), refused: AUTHORIZATION };
}

function headerClassifiers(config: ResolvedConfig<unknown>): Classifier[] {
  const { allowed, refused } = headerNames(config);
  // The core reads names in order: a refused one among the first 100 refuses the preflight
  // for that name; a 101st name, or anything malformed before, refuses it as a bad list.
  const rules: Rule[] = [
    { pattern: '^$', value: 'none' },
    { pattern: `^${atLeastChars(protocol.MAX_REQUEST_HEADERS_LENGTH + 1)}`, value: 'toolong' },
  ];
  if (refused !== undefined) rules.push({ pattern: refusedAt(allowed, refused), value: 'refused' });
  rules.push({ pattern: atLeastNames(protocol.MAX_REQUEST_HEADERS_COUNT + 1), value: 'bad' }, { pattern: allowedList(allowed), value: 'ok' });
  const list: Classifier[] = [table('h', '{acrh}', rules, 'bad')];
  if (refused !== undefined) {
    list.push(table('h_before', '{acrh}', [{ pattern: refusedAt(allowed, refused), value: '{1}' }], ''));
    list.push(table('h_name', '{acrh}', [{ pattern: refusedAt(allowed, refused), value: '{2}' }], ''));
    // The refused name is named only when short enough to repeat, and only if it comes before a 101st.
    list.push(
table('hm', '{h_before}', [{ pattern: atLeastNames(protocol.MAX_REQUEST_HEADERS_COUNT), value: 'many' }], ''));
    list.push(table('hl', '{h_name}', [{ pattern: `^${atLeastChars(protocol.MAX_ECHOED_NAME_LENGTH + 1)}`, value: 'long' }], 'short'));
  }
  if (config.allowHeaders.wildcard && refused !== undefined) {
    // The other names the browser asked for, as it sent them: what an explained refusal of
    // `authorization` under `*` lists, since a `*` would let browsers cover it.
    const name = AUTHORIZATION;
    list.push(
      table(
        'h_except',
        '{acrh}',
        [
          { pattern: `^(?i)[ \\t,]*${name}[ \\t]*(?:,[ \\t,]*)?$`, value: '' },
          { pattern: `^(?i)[ \\t,]*${name}[ \\t]*,[ \\t,]*(.*?)[ \\t,]*$`, value: '{1}' },
          { pattern: `^(?i)(.*?)[ \\t]*,[ \\t,]*${name}[ \\t]*(?:,[ \\t,]*)?$`, value: '{1}' },
          { pattern: `^(?i)(.*?)[ \\t]*,[ \\t,]*${name}[ \\t]*(,.*)$`, value: '{1}{2}' },
          { pattern: '^(.*)$', value: '{1}' },
        ],
        '',
        true,
      ),
    );
  }
  return list;
}

/** Write protection's inputs (the core's `writeRefusal`): Sec-Fetch-Site, else Origin against Host. */
function writeClassifiers(): Classifier[] {
  return [
    table('fetch_site', '{site}', [{ pattern: '^(?:same-origin|none)$', value: 'pass' }, { pattern: '^$', value: 'nosite' }], 'refuse'),
    // hostOf(origin): everything after the first `://`.
    table('origin_rest', '{origin}', [{ pattern: '^.*?://(.*)$', value: '{1}' }], '/'),
    { type: 'equal', name: 'samehost', left: '{origin_rest}', right: '{host}' },
    table(
      'w',
      '{verb}|{fetch_site}|{o}|{samehost}',
      [
        { pattern: '^(?:options|safe)\\|', value: 'ok' },
        { pattern: '^write\\|pass\\|', value: 'ok' },
        { pattern: '^write\\|nosite\\|none\\|', value: 'ok' },
        { pattern: '^write\\|nosite\\|[a-z]+\\|1$', value: 'ok' },
        { pattern: '^write\\|nosite\\|', value: 'host' },
      ],
      'refuse',
    ),
  ];
}

/** The words refusal texts repeat, each only when a browser could have sent it (the core's rules). */
function wordClassifiers(): Classifier[] {
  return [
    table('origin_echo', '{origin}', [{ pattern: ECHOABLE, value: '{1}' }], UNPRINTABLE),
    table('host_echo', '{host}', [{ pattern: ECHOABLE, value: '{1}' }], UNPRINTABLE),
    table('site_word', '{site}', [{ pattern: '^(cross-site|same-site)$', value: '{1}' }], 'cross-origin'),
    table('method_word', '{method}', [{ pattern: `^(${TOKEN_CHAR}{1,${protocol.MAX_ECHOED_NAME_LENGTH}})$`, value: '{1}' }], 'request'),
  ];
}

/** The kind of answer, from every class, in the core's order of decisions. */
function kindClassifier(config: ResolvedConfig<unknown>): Classifier {
  const explain = config.explainRefusals;
  const any = config.origin.kind === 'any';
  const origin = any ? 'any' : 'allowed';
  // Unexplained, every refusal is a bare 403; a write's varies by Origin only, a preflight's by more.
  const deny = (kind: string) => (explain ? kind : kind.startsWith('deny-write') ? 'deny-write-bare' : 'deny');
  const rules: Rule[] = [
    { pattern: `^options\\|${origin}\\|ok\\|none\\|`, value: 'preflight' },
    { pattern: `^options\\|${origin}\\|ok\\|ok\\|`, value: 'preflight-h' },
    { pattern: `^options\\|${origin}\\|refused\\|`, value: deny('preflight-method') },
    { pattern: `^options\\|${origin}\\|forbidden\\|`, value: deny('deny-method') },
    { pattern: `^options\\|${origin}\\|invalid\\|`, value: deny('deny-method-unnamed') },
    { pattern: `^options\\|${origin}\\|ok\\|refused\\|many`, value: deny('deny-headers') },
    { pattern: `^options\\|${origin}\\|ok\\|refused\\|short\\|`, value: deny('preflight-header') },
    { pattern: `^options\\|${origin}\\|ok\\|refused\\|`, value: deny('preflight-header-unnamed') },
    { pattern: `^options\\|${origin}\\|ok\\|toolong\\|`, value: deny('deny-headers-long') },
    { pattern: `^options\\|${origin}\\|ok\\|`, value: deny('deny-headers') },
  ];
  if (!any) {
    for (const [o, kind] of [['null', 'deny-origin-null'], ['malformed', 'deny-origin-malformed'], ['other', 'deny-origin']] as const) {
      rules.push({ pattern: `^options\\|${o}\\|(?:ok|refused|forbidden|invalid)\\|`, value: deny(kind) });
    }
  }
  rules.push({ pattern: any ? '^[a-z]+\\|(?:any|none)\\|' : '^[a-z]+\\|allowed\\|', value: 'actual' });
  if (config.protectWrites) {
    rules.push({ pattern: '^[a-z]+\\|none\\|.*\\|refuse$', value: deny('deny-write-no-origin') });
    rules.push({ pattern: '\\|refuse$', value: deny('deny-write') });
    rules.push({ pattern: '\\|host$', value: deny('deny-write-host') });
  }
  rules.push({ pattern: '^[a-z]+\\|none\\|', value: 'none' });
  const hl = config.allowHeaders.wildcard && config.allowHeaders.names.includes(AUTHORIZATION) ? '-' : '{hm}{hl}';
  return table('kind', `{verb}|{o}|{m}|{h}|${hl}|${config.protectWrites ? '{w}' : '-'}`, rules, 'refused');
}

/** The safe methods write protection lets through, but OPTIONS, which the verb names apart. */
const SAFE_READS = [...protocol.SAFE_METHODS].filter((m) => m !== 'OPTIONS').join('|');

/** Every classifier of the policy, each after those it reads. */
export function compileClassifiers(config: ResolvedConfig<unknown>): Classifier[] {
  return [
    table('verb', '{method}', [{ pattern: '^OPTIONS$', value: 'options' }, { pattern: `^(?:${SAFE_READS})$`, value: 'safe' }], 'write'),
    ...originClassifiers(config),
    methodClassifier(config),
    ...headerClassifiers(config),
    ...(config.protectWrites ? writeClassifiers() : []),
    ...wordClassifiers(),
    kindClassifier(config),
  ];
}
