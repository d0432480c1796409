// The requests every contender is measured on, and the one CORS configuration they all get,
// so that a comparison is always "the same request, the same policy". Each contender module
// translates `POLICY` into its own option names.

export const ALLOWED_ORIGIN = 'https://app.example';
export const REFUSED_ORIGIN = 'https://evil.example';
export const URL_PATH = '/items';

/** The policy every contender is configured with (in its own option names). */
export const POLICY = Object.freeze({
  origins: [ALLOWED_ORIGIN],
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowHeaders: ['content-type', 'x-request-id'],
  credentials: true,
  maxAge: 600,
});

/** The handler every contender wraps: the bare handler the ratios divide by. */
export const bareHandler = () => new Response('ok', { headers: { 'content-type': 'text/plain' } });

/** `count` exact origins, the allowed one last so that a linear scan pays for all of them. */
export function exactOrigins(count) {
  const list = [];
  for (let i = 1; i < count; i++) list.push(`https://tenant${i}.example`);
  list.push(ALLOWED_ORIGIN);
  return list;
}

/** `count` subdomain patterns; the request's origin matches the last one. */
export function subdomainPatterns(count) {
  const list = [];
  for (let i = 0; i < count; i++) list.push(`https://*.tenant${i}.example`);
  return list;
}

export const patternOrigin = (count) => `https://app.tenant${count - 1}.example`;

// Adversarial ACRH values repeat an allowed name: a parser that stops at the first unknown
// name would otherwise look fast on them, so this is its worst case.
const REPEATED = 'x-request-id';

// Header values parsed from the network are flat strings; one built by concatenation is a
// rope that V8 walks on every charCodeAt, which would make any parser look many times slower.
const flat = (text) => Buffer.from(text, 'latin1').toString('latin1');

/** An ACRH value of exactly `bytes` characters. */
export function longRequestHeaders(bytes) {
  const unit = `${REPEATED},`;
  return flat(unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes - 1) + 'x');
}

/** An ACRH value with `count` elements. */
export function manyRequestHeaders(count) {
  return flat(Array.from({ length: count }, () => REPEATED).join(','));
}

const preflightHeaders = (origin, acrh) => {
  const headers = { origin, 'access-control-request-method': 'PUT' };
  if (acrh !== undefined) headers['access-control-request-headers'] = acrh;
  return headers;
};

/**
 * A scenario: a request description (built into a fresh Request by `toRequest`), what a browser
 * should conclude, and which origin list it needs. `peers: false` marks scenarios only Portcullis
 * can express (subdomain patterns) or that exist to show scaling.
 */
function scenario(id, label, { method = 'GET', headers = {}, expect, origins, portcullis, peers = true, group }) {
  return Object.freeze({ id, label, method, headers, expect, origins, portcullis, peers, group });
}

/** An `onRefusal` listener that never runs on the allowed paths it is measured on. */
const listener = () => {};

const ACRH_TWO = 'content-type,x-request-id';

/** Scenarios (a)-(f) of BENCHMARKS.md, plus the sizes that show how cost grows. */
export const SCENARIOS = Object.freeze([
  scenario('no-origin', '(a) no Origin', { expect: 'not-cors', group: 'core' }),
  scenario('get', '(b) allowed simple GET', { headers: { origin: ALLOWED_ORIGIN }, expect: 'allowed', group: 'core' }),
  scenario('preflight', '(c) allowed preflight, 2 headers', {
    method: 'OPTIONS',
    headers: preflightHeaders(ALLOWED_ORIGIN, ACRH_TWO),
    expect: 'allowed',
    group: 'core',
  }),
  scenario('preflight-refused', '(d) refused preflight', {
    method: 'OPTIONS',
    headers: preflightHeaders(REFUSED_ORIGIN, ACRH_TWO),
    expect: 'refused',
    group: 'core',
  }),
  // The refusal hook and write protection must cost nothing on allowed requests: the same
  // requests, with and without them.
  scenario('get-listener', '(b) allowed simple GET, with an onRefusal listener', {
    headers: { origin: ALLOWED_ORIGIN },
    expect: 'allowed',
    portcullis: { onRefusal: listener },
    peers: false,
    group: 'hooks',
  }),
  scenario('preflight-listener', '(c) allowed preflight, with an onRefusal listener', {
    method: 'OPTIONS',
    headers: preflightHeaders(ALLOWED_ORIGIN, ACRH_TWO),
    expect: 'allowed',
    portcullis: { onRefusal: listener },
    peers: false,
    group: 'hooks',
  }),
  scenario('post-protected', 'allowed POST, protectWrites on (the default with credentials)', {
    method: 'POST',
    headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    expect: 'allowed',
    peers: false,
    group: 'writes',
  }),
  scenario('post-unprotected', 'allowed POST, protectWrites off', {
    method: 'POST',
    headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    expect: 'allowed',
    portcullis: { protectWrites: false },
    peers: false,
    group: 'writes',
  }),
  ...[1024, 4096, 16384, 65536].map((bytes) =>
    scenario(`acrh-bytes-${bytes}`, `(e) ACRH of ${bytes / 1024} KiB`, {
      method: 'OPTIONS',
      headers: preflightHeaders(ALLOWED_ORIGIN, longRequestHeaders(bytes)),
      expect: 'any',
      peers: bytes === 65536,
      group: 'adversarial-bytes',
    }),
  ),
  ...[10, 100, 1000].map((count) =>
    scenario(`acrh-names-${count}`, `(e) ACRH of ${count} names`, {
      method: 'OPTIONS',
      headers: preflightHeaders(ALLOWED_ORIGIN, manyRequestHeaders(count)),
      expect: 'any',
      peers: count === 1000,
      group: 'adversarial-names',
    }),
  ),
  ...[1, 100, 1000].map((count) =>
    scenario(`origins-${count}`, `(f) GET, ${count} exact origin${count === 1 ? '' : 's'}`, {
      headers: { origin: ALLOWED_ORIGIN },
      expect: 'allowed',
      origins: exactOrigins(count),
      group: 'origins',
    }),
  ),
  ...[1, 100, 1000].map((count) =>
    scenario(`patterns-${count}`, `(f) GET, ${count} subdomain pattern${count === 1 ? '' : 's'}`, {
      headers: { origin: patternOrigin(count) },
      expect: 'allowed',
      origins: subdomainPatterns(count),
      peers: false,
      group: 'patterns',
    }),
  ),
]);

export function toRequest(s, base = 'http://127.0.0.1') {
  return new Request(`${base}${URL_PATH}`, { method: s.method, headers: s.headers });
}

const policies = new Map();

/**
 * The policy for one scenario: the shared one, with the scenario's origin list and its
 * Portcullis-only options if it has them (the same object for the same inputs, so handlers are
 * built once per policy).
 */
export function policyFor(s) {
  if (s.origins === undefined && s.portcullis === undefined) return POLICY;
  const key = s.id;
  let policy = policies.get(key);
  if (policy === undefined) {
    policy = Object.freeze({ ...POLICY, ...(s.origins === undefined ? {} : { origins: s.origins }), ...(s.portcullis === undefined ? {} : { portcullis: s.portcullis }) });
    policies.set(key, policy);
  }
  return policy;
}
