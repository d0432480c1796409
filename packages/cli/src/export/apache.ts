// Apache httpd: each classifier is a run of `SetEnvIfExpr` (the last match wins, so the rules
// are written in reverse after the fallback), reading headers with `req_novary` so that only
// the policy decides what Vary says; response headers are `Header always` (answers Apache
// makes itself, its 403s and 502s, keep only those) with an `expr=` on the kind, after `Header
// unset` has removed the upstream's; mod_rewrite answers preflights and refusals.

import {
  fillTemplate,
  isInput,
  kindsByStatus,
  kindsByTemplate,
  mayBeEmpty,
  references,
  INPUT_HEADERS,
  UPSTREAM_CORS_HEADERS,
  type Classifier,
  type ExportPlan,
  type Input,
} from './plan.js';
import type { Route, Standalone } from './settings.js';

/** Debian's module folder; on other systems `httpd -V` shows it (HTTPD_ROOT/modules). */
export const DEBIAN_APACHE_MODULES = '/usr/lib/apache2/modules';
const MODULES = ['mpm_event', 'authz_core', 'setenvif', 'headers', 'rewrite', 'proxy', 'proxy_http'];

const inputExpr = (input: Input) => (input === 'method' ? '%{REQUEST_METHOD}' : `%{req_novary:${INPUT_HEADERS[input]}}`);

/** An expression string: request values and classifiers interpolated. */
function exprString(template: string, prefix: string): string {
  return `'${fillTemplate(template, (ref) => (isInput(ref) ? inputExpr(ref) : `%{ENV:${prefix}${ref}}`), () => '')}'`;
}

/** `name=value` as one quoted SetEnvIfExpr argument; captures are `$1`. `name=` would set `1`: an empty value unsets. */
function assignment(name: string, value: string): string {
  return value === '' ? `"!${name}"` : `"${name}=${fillTemplate(value, () => '', (index) => `$${index}`)}"`;
}

function classifierLines(classifier: Classifier, prefix: string): string[] {
  const name = `${prefix}${classifier.name}`;
  if (classifier.type === 'equal') {
    const joined = exprString(`${classifier.left}|${classifier.right}`, prefix);
    return [`SetEnvIfExpr "true" ${assignment(name, '0')}`, `SetEnvIfExpr "${joined} =~ m#^(.*)\\|\\1$#" ${assignment(name, '1')}`];
  }
  const source = exprString(classifier.source, prefix);
  const lines = [`SetEnvIfExpr "true" ${assignment(name, classifier.fallback)}`];
  for (const rule of [...classifier.rules].reverse()) lines.push(`SetEnvIfExpr "${source} =~ m#${rule.pattern}#" ${assignment(name, rule.value)}`);
  return lines;
}

/** Request values a header repeats, copied into the environment (mod_headers reads only that). */
function copies(plan: ExportPlan, prefix: string): string[] {
  const inputs = new Set(plan.outputs.flatMap((o) => [...o.byKind.values()].flatMap(references)).filter(isInput));
  return [...inputs].map((input) => `SetEnvIfExpr "${exprString(`{${input}}`, prefix)} =~ m#^(.*)$#" ${assignment(`${prefix}in_${input}`, '{1}')}`);
}

function kindCondition(prefix: string, kinds: readonly string[]): string {
  return `%{ENV:${prefix}kind} in {${kinds.map((k) => `'${k}'`).join(', ')}}`;
}

function headerLines(plan: ExportPlan, prefix: string): string[] {
  const lines = UPSTREAM_CORS_HEADERS.map((header) => `Header unset ${header}`);
  for (const output of plan.outputs) {
    for (const [template, kinds] of kindsByTemplate(output)) {
      const value = fillTemplate(template, (ref) => `%{${prefix}${isInput(ref) ? `in_${ref}` : ref}}e`, () => '');
      const nonEmpty = mayBeEmpty(plan, template).map((ref) => ` && -n %{ENV:${prefix}${ref}}`).join('');
      lines.push(`Header always set ${output.header} "${value}" "expr=${kindCondition(prefix, kinds)}${nonEmpty}"`);
    }
  }
  const byToken = new Map<string, string[]>();
  for (const [kind, tokens] of plan.vary) for (const token of tokens) byToken.set(token, [...(byToken.get(token) ?? []), kind]);
  for (const [token, kinds] of byToken) lines.push(`Header always merge Vary ${token} "expr=${kindCondition(prefix, kinds)}"`);
  return lines;
}

function rewriteLines(plan: ExportPlan, prefix: string): string[] {
  const lines = ['RewriteEngine On'];
  for (const [status, kinds] of kindsByStatus(plan)) {
    lines.push(`RewriteCond %{ENV:${prefix}kind} ^(?:${kinds.join('|')})$`, `RewriteRule ^ - [R=${status},L]`);
  }
  return lines;
}

/** Everything of one policy, for a <VirtualHost> or <Location>. */
function apacheBlock(plan: ExportPlan, prefix: string, indent = ''): string {
  const lines = [...plan.classifiers.flatMap((c) => classifierLines(c, prefix)), ...copies(plan, prefix), ...headerLines(plan, prefix), ...rewriteLines(plan, prefix)];
  return lines.map((line) => `${indent}${line}`).join('\n');
}

const SNIPPET_HEAD =
  '# Portcullis CORS for Apache httpd: include in the <VirtualHost> (or <Location>) that proxies to your API; needs mod_setenvif, mod_headers and mod_rewrite.';

export function apacheSnippet(plan: ExportPlan): string {
  return `${SNIPPET_HEAD}\n${apacheBlock(plan, 'cors_')}\n`;
}

/** A complete configuration: apache2 -d <dir> -f <dir>/httpd.conf -DFOREGROUND (httpd on other systems). */
export function apacheStandalone(routes: readonly Route[], standalone: Standalone): string {
  const colon = standalone.listen.lastIndexOf(':');
  const host = standalone.listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const locations = routes.map((route, i) =>
    [
      `<Location "${route.path}">`,
      // Streamed answers reach the browser as they come.
      `    ProxyPass "${standalone.upstream}${route.path}" flushpackets=on`,
      apacheBlock(route.plan, routes.length === 1 ? 'cors_' : `cors${i}_`, '    '),
      '</Location>',
    ].join('\n'),
  );
  return `# Portcullis CORS for Apache httpd: a complete configuration, run with apache2 -d <dir> -f <dir>/httpd.conf -DFOREGROUND (files are relative to <dir>; modules from ${DEBIAN_APACHE_MODULES}, Debian's).
${MODULES.map((m) => `LoadModule ${m}_module ${DEBIAN_APACHE_MODULES}/mod_${m}.so`).join('\n')}
PidFile httpd.pid
DefaultRuntimeDir .
ErrorLog error.log
LogLevel warn
Listen ${standalone.listen}
ServerName ${host}
# The application sees the host the browser used (redirects, write protection behind it).
ProxyPreserveHost On
${locations.join('\n')}
`;
}
