// Caddy: each classifier is a `map` (placeholders evaluated lazily), an equality is a `vars`
// matcher; everything runs in a `route` so that the order is the written one. Response headers
// are deferred `header` blocks per kind (applied to whatever answers, the upstream's response
// included, whose CORS headers they delete; two matcher lines on one header would be OR, so
// each kind has its own matcher), and `respond` answers preflights and refusals. Caddy's own
// errors lose deferred headers: the errors part sets them again in `handle_errors`.

import {
  fillTemplate,
  isInput,
  kindsByStatus,
  mayBeEmpty,
  INPUT_HEADERS,
  UPSTREAM_CORS_HEADERS,
  type Classifier,
  type ExportPlan,
  type Input,
} from './plan.js';
import type { Route, Standalone } from './settings.js';

const inputPlaceholder = (input: Input) => (input === 'method' ? '{method}' : input === 'host' ? '{hostport}' : `{header.${INPUT_HEADERS[input]}}`);

function placeholders(prefix: string, plan: ExportPlan) {
  const equalities = new Set(plan.classifiers.filter((c) => c.type === 'equal').map((c) => c.name));
  const name = (ref: string) => (isInput(ref) ? inputPlaceholder(ref) : equalities.has(ref) ? `{vars.${prefix}${ref}}` : `{${prefix}${ref}}`);
  return (template: string) => fillTemplate(template, name, (index) => `\${${index}}`);
}

/** A Caddyfile string: double quotes, with `"` and `\` escaped. */
const quoted = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function classifierLines(classifier: Classifier, prefix: string, fill: (t: string) => string): string[] {
  if (classifier.type === 'equal') {
    const matcher = `@${prefix}${classifier.name}`;
    return [`${matcher} vars ${fill(classifier.left)} ${fill(classifier.right)}`, `vars ${matcher} ${prefix}${classifier.name} 1`];
  }
  // Backticks quote a regex as is (the regexes never hold a backtick).
  const rows = classifier.rules.map((rule) => `\t\`~${rule.pattern}\` ${quoted(fill(rule.value))}`);
  return [`map ${quoted(fill(classifier.source))} {${prefix}${classifier.name}} {`, ...rows, `\tdefault ${quoted(fill(classifier.fallback))}`, '}'];
}

/** Deferred header blocks, one per kind: the policy's headers set, the upstream's CORS headers deleted. */
function headerLines(plan: ExportPlan, prefix: string, fill: (t: string) => string, deferred: boolean): string[] {
  const kinds = [...new Set([...plan.vary.keys(), ...plan.outputs.flatMap((o) => [...o.byKind.keys()])])];
  const lines: string[] = [];
  kinds.forEach((kind, index) => {
    const matcher = `@${prefix}k${index}`;
    const body: string[] = deferred ? ['defer'] : [];
    const optional: string[] = [];
    const set = new Set<string>();
    for (const output of plan.outputs) {
      const template = output.byKind.get(kind);
      if (template === undefined) continue;
      const empty = mayBeEmpty(plan, template);
      if (empty.length > 0) {
        const guard = `${matcher}_${optional.length}`;
        optional.push(`${guard} {`, `\tvars {${prefix}kind} ${kind}`, ...empty.map((ref) => `\tnot vars {${prefix}${ref}} ""`), '}');
        optional.push(`header ${guard} {`, ...(deferred ? ['\tdefer'] : []), `\t${output.header} ${quoted(fill(template))}`, '}');
      } else {
        body.push(`${output.header} ${quoted(fill(template))}`);
      }
      set.add(output.header);
    }
    if (!plan.answered.has(kind)) for (const header of UPSTREAM_CORS_HEADERS) if (!set.has(header)) body.push(`-${header}`);
    for (const token of plan.vary.get(kind) ?? []) body.push(`+Vary ${token}`);
    if (body.length > (deferred ? 1 : 0)) lines.push(`${matcher} vars {${prefix}kind} ${kind}`, `header ${matcher} {`, ...body.map((l) => `\t${l}`), '}');
    lines.push(...optional);
  });
  return lines;
}

function indent(lines: readonly string[], by: string): string {
  return lines.map((line) => `${by}${line}`).join('\n');
}

/** The route that answers preflights and refusals and sets every header: before reverse_proxy. */
function caddyRoute(plan: ExportPlan, prefix: string): string[] {
  const fill = placeholders(prefix, plan);
  const lines = [...plan.classifiers.flatMap((c) => classifierLines(c, prefix, fill)), ...headerLines(plan, prefix, fill, true)];
  for (const [status, kinds] of kindsByStatus(plan)) lines.push(`@${prefix}s${status} vars {${prefix}kind} ${kinds.join(' ')}`, `respond @${prefix}s${status} ${status}`);
  return ['route {', ...lines.map((l) => `\t${l}`), '}'];
}

/** What handle_errors must set again: the headers of the kinds that reach the upstream. */
function caddyErrors(plan: ExportPlan, prefix: string): string[] {
  const upstreamOnly: ExportPlan = {
    ...plan,
    vary: new Map([...plan.vary].filter(([kind]) => !plan.answered.has(kind))),
    outputs: plan.outputs.map((o) => ({ header: o.header, byKind: new Map([...o.byKind].filter(([kind]) => !plan.answered.has(kind))) })),
  };
  return headerLines(upstreamOnly, prefix, placeholders(prefix, plan), false);
}

const SNIPPET_HEAD =
  '# Portcullis CORS for Caddy: paste at the top of your Caddyfile; in the site block, `import portcullis_cors` before reverse_proxy, and `import portcullis_cors_errors` first in handle_errors.';

export function caddySnippet(plan: ExportPlan): string {
  return `${SNIPPET_HEAD}
(portcullis_cors) {
${indent(caddyRoute(plan, 'cors_'), '\t')}
}

# Part 2 of 2: Caddy's own errors (a 502 when the API is down) lose deferred headers; this sets them again.
(portcullis_cors_errors) {
${indent(caddyErrors(plan, 'cors_'), '\t')}
}
`;
}

/** A complete configuration: caddy run --adapter caddyfile --config <file>. */
export function caddyStandalone(routes: readonly Route[], standalone: Standalone): string {
  const prefix = (i: number) => (routes.length === 1 ? 'cors_' : `cors${i}_`);
  const colon = standalone.listen.lastIndexOf(':');
  const host = standalone.listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = standalone.listen.slice(colon + 1);
  const proxy = [`reverse_proxy ${standalone.upstream} {`, '\t# Streamed answers reach the browser as they come.', '\tflush_interval -1', '}'];
  const handles = routes.map((route, i) => [`handle ${route.path}* {`, indent([...caddyRoute(route.plan, prefix(i)), ...proxy], '\t'), '}'].join('\n'));
  const errors = routes.map((route, i) => [`handle ${route.path}* {`, indent(caddyErrors(route.plan, prefix(i)), '\t'), '}'].join('\n'));
  return `# Portcullis CORS for Caddy: a complete configuration, run with caddy run --adapter caddyfile --config <file>.
{
\tadmin off
\tauto_https off
}
# Any Host: the site answers whatever name the browser used for this address.
http://:${port} {
	bind ${host}
${indent(handles.join('\n').split('\n'), '\t')}
\thandle_errors {
${indent(errors.join('\n').split('\n'), '\t\t')}
\t\trespond "{err.status_code} {err.status_text}" {err.status_code}
\t}
}
`;
}
