// `portcullis audit`: its help, its flags, one report per URL, its exit status.

import { parseArgs } from 'node:util';
import { audit as auditUrl } from '../audit/audit.js';
import { atLeast, renderAudit, SEVERITIES } from '../audit/render.js';
import { settingsOf } from '../audit/settings.js';
import type { AuditOptions, AuditReport } from '../audit/types.js';
import { NetworkError, UsageError } from '../errors.js';
import { policyOptions } from '../policy-options.js';
import { useColor } from '../render.js';
import { safeJson, safeText } from '../safe-text.js';
import { ENGINES, oneOf, parseHeader, parsed } from './args.js';
import type { Io } from './io.js';

export const AUDIT_HELP = `Usage: portcullis audit <url>... --origin <trusted origin>... [options]

Plays the pages an attacker would write. From the trusted origins it derives attacker origins
(https://myapp.es.attacker.example, https://attackermyapp.es, null, ...), sends for each the
requests a browser would send (simple requests and preflights), and judges every answer as the
browser would: can a page on that origin read the response, with or without the user's cookies?
It reports every misconfiguration in one run, each with the request and response that prove it,
what an attacker's page can do, and the fix, as the Portcullis configuration for the trusted
origins. At most --max-requests requests per URL (19 for one https: origin), one at a time.

Options:
  --origin <origin>        a trusted origin, or core's pattern https://*.myapp.es; repeat for several
                           ('*' alone: a public API, readable by every origin without credentials)
  --policy <file>          the intended policy (core's options as JSON, or a .js/.mjs module); its
                           origins are trusted when no --origin is given
  --probe-writes           also send a cross-site credentialed text/plain POST, which the server may act on
  --method <method>        the method of the page's fetch() (default GET); other methods are only preflighted
  --header '<name>: <value>'
                           a header the page's script sets; repeat. 'cookie: ...' is the user's
                           cookies: sent on credentialed requests only, never shown
  --json                   print one document: { "targets": [{ "url", "findings", "probes" }] }
  --fail-on <severity>     high, medium (default), low or info: findings from it up give exit status 1
  --max-requests <n>       per URL (default 40); the last probes are left out beyond it
  --delay <ms>             between requests (default 0)
  --concurrency <n>        requests at once (default 1)
  --timeout <ms>           per request (default 10000)
  --distrust-subdomains    report subdomain-credentials as high instead of info
  --browser <name>         chromium (default), firefox or standard: whose rules judge the answers
  --help                   this text

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 a usage or network error.
`;

const OPTIONS = {
  policy: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'probe-writes': { type: 'boolean' },
  method: { type: 'string' },
  header: { type: 'string', short: 'H', multiple: true },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  'max-requests': { type: 'string' },
  delay: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'distrust-subdomains': { type: 'boolean' },
  browser: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`${flag} must be a whole number, not '${value}'`);
  return Number(value);
}

/** Each URL's report, or the network error that stopped it (one line on stderr). */
async function auditAll(urls: readonly string[], options: AuditOptions, io: Io): Promise<(AuditReport | { url: string; error: string })[]> {
  for (const url of urls) settingsOf(url, options);
  const results: (AuditReport | { url: string; error: string })[] = [];
  for (const url of urls) {
    try {
      results.push(await auditUrl(url, options));
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      io.stderr.write(`portcullis audit: ${safeText(url)}: ${safeText(error.message)}\n`);
      results.push({ url, error: error.message });
    }
  }
  return results;
}

export async function audit(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('audit', () => parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS }));
  if (values.help) {
    io.stdout.write(AUDIT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('the URL to audit is missing: portcullis audit <url>... --origin <trusted origin>');
  const failOn = oneOf(values['fail-on'], '--fail-on', SEVERITIES) ?? 'medium';
  const options: AuditOptions = {
    policy: await policyOptions({ policy: values.policy, origin: values.origin }),
    probeWrites: values['probe-writes'] === true,
    method: values.method,
    headers: (values.header ?? []).map(parseHeader),
    maxRequests: number(values['max-requests'], '--max-requests'),
    delayMs: number(values.delay, '--delay'),
    concurrency: number(values.concurrency, '--concurrency'),
    timeoutMs: number(values.timeout, '--timeout'),
    distrustSubdomains: values['distrust-subdomains'] === true,
    browser: oneOf(values.browser, '--browser', ENGINES),
  };
  const results = await auditAll(positionals, options, io);
  const reports = results.filter((r): r is AuditReport => !('error' in r));
  if (values.json) io.stdout.write(`${safeJson({ targets: results }, 2)}\n`);
  else io.stdout.write(reports.map((r) => renderAudit(r, { color: useColor(io.stdout, io.env), failOn })).join('\n'));
  if (reports.length < results.length) return 2;
  return reports.some((r) => r.findings.some((f) => atLeast(f.severity, failOn))) ? 1 : 0;
}
