// Which option names exist, and what to say about the ones that do not: names other CORS
// libraries use get the Portcullis name or the Portcullis way, said without naming a framework
// (an adapter says more in its own words), and typos get the nearest known name.

import type { CorsConfigProblem } from './config-error.js';

const KNOWN_OPTIONS = [
  'origin',
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'credentials',
  'maxAge',
  'preflightStatus',
  'preflightCacheControl',
  'explainRefusals',
  'onRefusal',
  'protectWrites',
  'dangerouslyAllowInsecureOrigins',
] as const;

type KnownOption = (typeof KNOWN_OPTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(KNOWN_OPTIONS);

// Other libraries' names for our options.
const ALIASES: Readonly<Record<string, KnownOption>> = {
  origins: 'origin',
  allowOrigin: 'origin',
  allowOrigins: 'origin',
  allowedOrigin: 'origin',
  allowedOrigins: 'origin',
  methods: 'allowMethods',
  method: 'allowMethods',
  allowedMethods: 'allowMethods',
  allowMethod: 'allowMethods',
  headers: 'allowHeaders',
  allowedHeaders: 'allowHeaders',
  allowHeader: 'allowHeaders',
  exposedHeaders: 'exposeHeaders',
  exposeHeader: 'exposeHeaders',
  exposedHeader: 'exposeHeaders',
  credential: 'credentials',
  allowCredentials: 'credentials',
  supportsCredentials: 'credentials',
  withCredentials: 'credentials',
  maxage: 'maxAge',
  maxAgeSeconds: 'maxAge',
  optionsSuccessStatus: 'preflightStatus',
  successStatus: 'preflightStatus',
  cacheControl: 'preflightCacheControl',
};

// Other libraries' options with no equivalent here, and what to do instead.
const UNSUPPORTED: Readonly<Record<string, string>> = {
  preflightContinue:
    "preflights are always answered by Portcullis, and OPTIONS requests without Access-Control-Request-Method always reach your handler; to see a preflight in your own code, call policy.preflight(request) in your OPTIONS handler and return (or inspect) its answer",
  strictPreflight: 'preflights are always checked strictly; remove it',
  preflight:
    'preflights are always answered (a preflight that nobody answers fails in the browser); to leave a route alone entirely, do not wrap it; remove the option',
  hideOptionsRoute: 'Portcullis registers no OPTIONS route, so there is nothing to hide; remove it',
  delegator:
    'build each policy up front with cors(options) and pick one per request with corsByRequest((request) => policy); remove it',
  hook: 'preflights are answered before your handler runs, wherever the policy is applied; your adapter\'s README says where; remove it',
  logLevel: "use onRefusal: 'log' to log refusals, or a function to route them yourself; remove it",
  allowPrivateNetwork:
    'Private Network Access preflights were put on hold by Chrome and are not supported; remove it',
};

/** Problems for each own property of `options` that is not a known option. */
export function checkOptionNames(options: object): CorsConfigProblem[] {
  const problems: CorsConfigProblem[] = [];
  for (const name of Object.keys(options)) {
    if (KNOWN.has(name)) continue;
    const value = (options as Record<string, unknown>)[name];
    const alias = ALIASES[name];
    const unsupported = UNSUPPORTED[name];
    if (alias !== undefined) {
      problems.push({ code: 'option.renamed', path: [name], value, message: `unknown option '${name}'`, fix: `rename it to '${alias}'` });
    } else if (unsupported !== undefined) {
      problems.push({ code: 'option.unsupported', path: [name], value, message: `unsupported option '${name}'`, fix: unsupported });
    } else {
      const near = closest(name, KNOWN_OPTIONS);
      problems.push({
        code: 'option.unknown',
        path: [name],
        value,
        message: `unknown option '${name}'`,
        fix: near === undefined ? `remove it; the options are ${KNOWN_OPTIONS.join(', ')}` : `did you mean '${near}'?`,
      });
    }
  }
  return problems;
}

/** The known name within a small edit distance of `key`, ignoring case, if any. */
function closest(key: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}
