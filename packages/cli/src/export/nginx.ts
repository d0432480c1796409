// nginx: every classifier is a `map` (http level; maps are evaluated lazily, once per request),
// and the location holds the rest at one level: `proxy_hide_header` for the upstream's CORS
// headers, `add_header ... always` with computed values (an empty value sends no header; a
// block with any add_header of its own inherits none, so there is no other level), and one
// `if` per status holding only a `return`. Regex keys only: plain map keys compare case-insensitively.

import {
  fillTemplate,
  isInput,
  kindsByStatus,
  kindsByTemplate,
  UPSTREAM_CORS_HEADERS,
  type Classifier,
  type ExportPlan,
  type Input,
} from './plan.js';
import { literal } from './regex.js';
import type { Route, Standalone } from './settings.js';

const INPUT_VARIABLES: Readonly<Record<Input, string>> = {
  method: '$request_method',
  origin: '$http_origin',
  host: '$http_host',
  acrm: '$http_access_control_request_method',
  acrh: '$http_access_control_request_headers',
  site: '$http_sec_fetch_site',
};

/** A double-quoted nginx string: `\` and `"` escaped (our texts have neither, but names could). */
function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A regex as a quoted map key; nginx keeps backslashes before anything but `"`, `'`, `\`, t, r, n. */
function regexKey(pattern: string): string {
  return `"~${pattern}"`;
}

function variables(prefix: string) {
  const name = (ref: string) => (isInput(ref) ? INPUT_VARIABLES[ref] : `$${prefix}${ref}`);
  const fill = (template: string) => fillTemplate(template, (ref) => `\${${name(ref).slice(1)}}`, (index) => `$${index}`);
  return { name, fill };
}

/** The variable of a response header: `$cors_allow_origin` for Access-Control-Allow-Origin. */
function outputVariable(prefix: string, header: string): string {
  return `$${prefix}${header.toLowerCase().replace(/^access-control-/, '').replaceAll('-', '_')}`;
}

function map(source: string, target: string, rows: readonly (readonly [string, string])[], fallback: string): string {
  const width = Math.min(40, Math.max(...rows.map(([key]) => key.length), 7));
  const lines = [...rows, ['default', fallback] as const].map(([key, value]) => `    ${key.padEnd(width)} ${value};`);
  return `map ${source} ${target} {\n${lines.join('\n')}\n}`;
}

/** A rule's key: a regex, or `""` for the empty value (nginx never tries a regex on it). */
function ruleKey(pattern: string): string {
  return pattern === '^$' ? '""' : regexKey(pattern);
}

function classifierMap(classifier: Classifier, prefix: string): string {
  const { name, fill } = variables(prefix);
  const target = name(classifier.name);
  if (classifier.type === 'equal') {
    return map(quoted(`${fill(classifier.left)}|${fill(classifier.right)}`), target, [[regexKey('^(.*)\\|\\1$'), '1']], '0');
  }
  const source = fill(classifier.source);
  const sourceText = /^\$\{[a-z_]+\}$/.test(source) ? `$${source.slice(2, -1)}` : quoted(source);
  return map(sourceText, target, classifier.rules.map((r) => [ruleKey(r.pattern), quoted(fill(r.value))] as const), quoted(fill(classifier.fallback)));
}

/** The maps of the http level: classifiers, then one map per response header and for the status. */
function nginxMaps(plan: ExportPlan, prefix: string): string {
  const { name, fill } = variables(prefix);
  const kind = name(plan.kind);
  const blocks = plan.classifiers.map((c) => classifierMap(c, prefix));
  for (const output of plan.outputs) {
    const rows: (readonly [string, string])[] = [];
    for (const [template, kinds] of kindsByTemplate(output)) for (const k of kinds) rows.push([quoted(k), quoted(fill(template))]);
    blocks.push(map(kind, outputVariable(prefix, output.header), rows, '""'));
  }
  blocks.push(map(kind, `$${prefix}status`, [...plan.answered].map(([k, status]) => [quoted(k), quoted(String(status))] as const), '""'));
  blocks.push(varyMap(plan, kind, `$${prefix}vary`));
  return blocks.join('\n');
}

/** Vary per kind, merged with the upstream's: its token added unless the upstream's names it (or `*`). */
function varyMap(plan: ExportPlan, kind: string, target: string): string {
  const groups = new Map<string, string[]>();
  for (const [k, tokens] of plan.vary) if (tokens.length > 0) groups.set(tokens.join(', '), [...(groups.get(tokens.join(', ')) ?? []), k]);
  const rows: (readonly [string, string])[] = [];
  for (const [tokens, kinds] of groups) {
    const alternatives = `(?:${kinds.map(literal).join('|')})`;
    if (kinds.some((k) => !plan.answered.has(k))) {
      // Only one token reaches the upstream's answers: Origin.
      rows.push([regexKey(`(?i)^${alternatives}\\|(?:.*,)?[ \\t]*(?:origin|\\*)[ \\t]*(?:,|$)`), '""']);
    }
    rows.push([regexKey(`^${alternatives}\\|`), quoted(tokens)]);
  }
  return map(quoted(`${kind}|$upstream_http_vary`), target, rows, '""');
}

/** The location level: the upstream's CORS headers hidden, the policy's added, preflights and refusals answered. */
function nginxLocation(plan: ExportPlan, prefix: string, indent = ''): string {
  const lines = UPSTREAM_CORS_HEADERS.map((header) => `proxy_hide_header ${header};`);
  for (const output of plan.outputs) lines.push(`add_header ${output.header} ${outputVariable(prefix, output.header)} always;`);
  lines.push(`add_header Vary $${prefix}vary always;`);
  for (const status of kindsByStatus(plan).keys()) {
    // `return` with a text (even empty) sends it as is: no error page replaces the answer.
    lines.push(`if ($${prefix}status = ${status}) {`, `    return ${status}${status === 204 ? '' : ' ""'};`, '}');
  }
  return lines.map((line) => `${indent}${line}`).join('\n');
}

const SNIPPET_HEAD = '# Portcullis CORS for nginx: include in the location { } (or server { }) that proxy_passes to your API, with no add_header of its own below it.';
const MAPS_HEAD = '# Part 2 of 2: include at the http { } level (nginx allows map only there), e.g. as /etc/nginx/conf.d/portcullis-cors.conf.';

export function nginxSnippet(plan: ExportPlan): string {
  return `${SNIPPET_HEAD}\n${nginxLocation(plan, 'cors_')}\n\n${MAPS_HEAD}\n${nginxMaps(plan, 'cors_')}\n`;
}

function indentBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${indent}${line}`))
    .join('\n');
}

/** A complete configuration: nginx -p <dir> -c <dir>/nginx.conf runs it in the foreground. */
export function nginxStandalone(routes: readonly Route[], standalone: Standalone): string {
  const maps = routes.map((route, i) => nginxMaps(route.plan, routes.length === 1 ? 'cors_' : `cors${i}_`)).join('\n');
  const locations = routes.map((route, i) => {
    const prefix = routes.length === 1 ? 'cors_' : `cors${i}_`;
    return [
      `    location ${route.path} {`,
      `        proxy_pass ${standalone.upstream};`,
      // The application sees the host the browser used (redirects, write protection behind it).
      '        proxy_set_header Host $http_host;',
      '        proxy_http_version 1.1;',
      '        proxy_set_header Connection "";',
      // Streamed answers reach the browser as they come.
      '        proxy_buffering off;',
      nginxLocation(route.plan, prefix, '        '),
      '    }',
    ].join('\n');
  });
  return `# Portcullis CORS for nginx: a complete configuration, run with nginx -p <dir> -c <dir>/nginx.conf (files are relative to <dir>).
daemon off;
worker_processes 1;
pid nginx.pid;
error_log stderr warn;
events {
    worker_connections 256;
}
http {
    access_log off;
    # Room for the variables of every policy's maps.
    variables_hash_max_size 16384;
    variables_hash_bucket_size 128;
    # nginx's temporary files default to system folders; keep them under the prefix.
    client_body_temp_path client_body_temp;
    proxy_temp_path proxy_temp;
    fastcgi_temp_path fastcgi_temp;
    uwsgi_temp_path uwsgi_temp;
    scgi_temp_path scgi_temp;
${indentBlock(maps, '    ')}
    server {
        listen ${standalone.listen};
${locations.join('\n')}
    }
}
`;
}
