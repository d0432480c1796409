// The troubleshooting table of the docs' refusals page, generated from the scenario table: for each scenario that
// declares its engines' console lines and says what they mean, one row per engine with the
// exact line it prints (the same lines the suite asserts against the real engines), what it
// means and what to change. Only declarations go in, never a run's results, so the block is
// the same on every machine; test/troubleshooting-doc.test.ts compares it with the page.

import { FETCH_ERROR } from './harness/engine-reasons.ts';
import type { EngineName, Scenario } from './scenario-types.ts';

export const TROUBLESHOOTING_START = '<!-- troubleshooting:start -->';
export const TROUBLESHOOTING_END = '<!-- troubleshooting:end -->';

/** The browsers users have, by engine. */
const ENGINE_LABEL: Readonly<Record<EngineName, string>> = {
  chromium: 'Chrome, Edge',
  firefox: 'Firefox',
  webkit: 'Safari',
};

/**
 * The table's rows, by scenario: origins first, then request headers, methods, credentials,
 * writes, and what `explainRefusals: false` leaves. Every scenario with troubleshooting text
 * is listed here, and only those.
 */
export const TROUBLESHOOTING_ORDER: readonly string[] = [
  'second-page-origin-blocked',
  'preflight-origin-not-allowed',
  'x-user-not-allowed',
  'one-of-two-headers-not-allowed',
  'json-post-content-type-not-allowed',
  'authorization-wildcard-blocked',
  'put-not-allowed',
  'patch-lowercase-blocked',
  'credentials-not-enabled-blocked',
  'credentials-wildcard-origin-blocked',
  'write-text-plain-other-origin-refused',
  'x-user-not-allowed-unexplained',
];
const ENGINE_ORDER: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/**
 * What the table shows for the placeholders of a declared line: an API and the page calling
 * it, the same page for `$page` and `$other` (in your app, the refused origin is your page).
 */
export const SHOWN_PLACES = {
  $url: 'https://api.myapp.es/items',
  $api: 'https://api.myapp.es',
  $page: 'https://admin.myapp.es',
  $other: 'https://admin.myapp.es',
} as const;

/** A declared line or header value with the placeholders shown as example values. */
export function showPlaces(text: string): string {
  return text
    .replaceAll('$url', SHOWN_PLACES.$url)
    .replaceAll('$api', SHOWN_PLACES.$api)
    .replaceAll('$page', SHOWN_PLACES.$page)
    .replaceAll('$other', SHOWN_PLACES.$other);
}

/** Text inside a table cell: pipes escaped, never a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Inline code that may itself hold backticks (Chromium quotes with '...', never with `). */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** The `Portcullis-Refusal` the scenario says the server sends, if it names one. */
export function declaredRefusal(scenario: Scenario): string | undefined {
  const expect = scenario.expect;
  const candidates = [expect.preflightHeaders?.['portcullis-refusal'], expect.write?.refusal, expect.sentHeaders?.['portcullis-refusal']];
  const found = candidates.find((value): value is string => typeof value === 'string');
  return found;
}

/** The scenarios of the table, in its order; throws when the order and the declarations differ. */
export function troubleshootingScenarios(all: readonly Scenario[], order: readonly string[] = TROUBLESHOOTING_ORDER): Scenario[] {
  const explained = all.filter((scenario) => scenario.troubleshooting !== undefined);
  const unordered = explained.filter((scenario) => !order.includes(scenario.name)).map((s) => s.name);
  if (unordered.length > 0) throw new Error(`troubleshooting text for scenarios missing from TROUBLESHOOTING_ORDER: ${unordered.join(', ')}`);
  return order.map((name) => {
    const scenario = explained.find((s) => s.name === name);
    if (!scenario) throw new Error(`TROUBLESHOOTING_ORDER names ${name}, which has no troubleshooting text`);
    return scenario;
  });
}

/** The block between the markers, markers included. */
export function troubleshootingBlock(all: readonly Scenario[], order: readonly string[] = TROUBLESHOOTING_ORDER): string {
  const rows: string[] = [];
  for (const scenario of troubleshootingScenarios(all, order)) {
    const help = scenario.troubleshooting!;
    const readable = scenario.expect.readable;
    if (readable === true || readable.console === undefined) {
      throw new Error(`${scenario.name}: troubleshooting text without declared console lines`);
    }
    const refusal = declaredRefusal(scenario);
    const means = `${help.means}${refusal === undefined ? '' : `; the server's \`Portcullis-Refusal\`: ${code(showPlaces(refusal))}`}`;
    ENGINE_ORDER.forEach((engine, index) => {
      const line = readable.console?.[engine];
      if (line === undefined) throw new Error(`${scenario.name}: no console line declared for ${engine}`);
      const first = index === 0;
      rows.push(
        `| ${first ? `**${cell(help.kind)}**` : ''} | ${ENGINE_LABEL[engine]} | ${cell(code(showPlaces(line)))} | ${first ? cell(means) : ''} | ${first ? cell(help.change) : ''} |`,
      );
    });
  }
  return [
    TROUBLESHOOTING_START,
    '<!-- Generated by packages/conformance from the console lines its scenarios declare (src/scenarios.ts), which the suite asserts in each engine; test/troubleshooting-doc.test.ts checks this block. Do not edit. -->',
    `Whatever the reason, \`fetch()\` rejects with ${ENGINE_ORDER.map((engine) => `${code(FETCH_ERROR[engine])} (${ENGINE_LABEL[engine]})`).join(', ')}; the console says why, in these words:`,
    '',
    '| refusal | browser | the console says | what it means | what to change |',
    '|---|---|---|---|---|',
    ...rows,
    TROUBLESHOOTING_END,
  ].join('\n');
}
