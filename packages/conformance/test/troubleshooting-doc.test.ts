// The troubleshooting section of the docs' refusals page: its table is the generator's output for the console
// lines the scenarios declare (which test/conformance.test.ts asserts in every engine), it
// covers every kind of refusal Portcullis explains, and its `onRefusal: 'log'` example is the
// line core really logs. CONFORMANCE_UPDATE_DOCS=1 rewrites the block instead of failing.

import { readFileSync, writeFileSync } from 'node:fs';
import { cors } from '@portcullis/core';
import { describe, expect, it, vi } from 'vitest';
import { ENGINE_NAMES } from '../src/harness/engines/index.ts';
import { replaceBlock, TROUBLESHOOTING_PAGE_PATH } from '../src/harness/matrix-files.ts';
import { scenarioByName, scenarios } from '../src/scenarios.ts';
import {
  declaredRefusal,
  showPlaces,
  TROUBLESHOOTING_END,
  TROUBLESHOOTING_START,
  troubleshootingBlock,
  troubleshootingScenarios,
} from '../src/troubleshooting.ts';

const readme = () => readFileSync(TROUBLESHOOTING_PAGE_PATH, 'utf8');

/** The section the block lives in, up to the next `## ` heading. */
function section(text: string): string {
  const start = text.indexOf('## Why a browser refused: troubleshooting');
  expect(start, 'the troubleshooting section').toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

// Each kind of refusal a developer meets, and the scenario that proves its console lines.
const REFUSAL_KINDS = [
  { kind: 'a refused request header', scenario: 'x-user-not-allowed' },
  { kind: 'one of two headers refused', scenario: 'one-of-two-headers-not-allowed' },
  { kind: "authorization under allowHeaders: '*'", scenario: 'authorization-wildcard-blocked' },
  { kind: 'a refused method', scenario: 'put-not-allowed' },
  { kind: 'a lowercase patch', scenario: 'patch-lowercase-blocked' },
  { kind: 'an origin refused on a preflighted request', scenario: 'preflight-origin-not-allowed' },
  { kind: 'an origin refused on a simple request', scenario: 'second-page-origin-blocked' },
];

describe('the troubleshooting table', () => {
  it('is on the refusals page, as the generator writes it from the declared console lines', () => {
    const text = readme();
    const block = troubleshootingBlock(scenarios);
    const current = text.slice(text.indexOf(TROUBLESHOOTING_START), text.indexOf(TROUBLESHOOTING_END) + TROUBLESHOOTING_END.length);
    if (current !== block && process.env.CONFORMANCE_UPDATE_DOCS === '1') {
      writeFileSync(TROUBLESHOOTING_PAGE_PATH, replaceBlock(text, TROUBLESHOOTING_START, TROUBLESHOOTING_END, block));
      return;
    }
    expect(current, 'packages/docs/refusals.md troubleshooting block (CONFORMANCE_UPDATE_DOCS=1 regenerates it)').toBe(block);
    expect(section(text)).toContain(block);
  });

  it.each(REFUSAL_KINDS)('covers $kind, with each engine’s line ($scenario)', ({ scenario: name }) => {
    const scenario = scenarioByName.get(name)!;
    expect(troubleshootingScenarios(scenarios)).toContain(scenario);
    const readable = scenario.expect.readable;
    expect(readable).not.toBe(true);
    for (const engine of ENGINE_NAMES) {
      const line = readable === true ? undefined : readable.console?.[engine];
      expect(line, `${name}: ${engine}'s console line`).toBeTypeOf('string');
      expect(troubleshootingBlock(scenarios)).toContain(showPlaces(line!).replaceAll('|', '\\|'));
    }
  });

  it('declares a line for every engine wherever it explains one', () => {
    for (const scenario of troubleshootingScenarios(scenarios)) {
      const readable = scenario.expect.readable;
      expect(readable === true ? [] : Object.keys(readable.console ?? {}).sort(), scenario.name).toEqual([...ENGINE_NAMES].sort());
    }
  });

  it("shows the server's Portcullis-Refusal where the scenario asserts one", () => {
    const block = troubleshootingBlock(scenarios);
    expect(block).toContain("`request header 'x-user' is not allowed`");
    expect(block).toContain('`origin https://admin.myapp.es is not allowed`');
    expect(declaredRefusal(scenarioByName.get('second-page-origin-blocked')!)).toBeUndefined();
  });

  it('shows placeholders as example values, and escapes table pipes', () => {
    expect(showPlaces("at '$url' from origin '$page' ($api, $other)")).toBe(
      "at 'https://api.myapp.es/items' from origin 'https://admin.myapp.es' (https://api.myapp.es, https://admin.myapp.es)",
    );
    const piped = troubleshootingBlock(
      [{ ...scenarioByName.get('x-user-not-allowed')!, troubleshooting: { kind: 'a | b', means: 'm', change: 'c' } }],
      ['x-user-not-allowed'],
    );
    expect(piped).toContain('**a \\| b**');
  });

  it('refuses troubleshooting text without console lines, or out of the declared order', () => {
    const bare = { ...scenarioByName.get('simple-get-disallowed-origin')!, troubleshooting: { kind: 'k', means: 'm', change: 'c' } };
    expect(() => troubleshootingBlock([bare], [bare.name])).toThrow(/without declared console lines/);
    expect(() => troubleshootingBlock([bare], [])).toThrow(/missing from TROUBLESHOOTING_ORDER/);
    expect(() => troubleshootingBlock([], ['x-user-not-allowed'])).toThrow(/has no troubleshooting text/);
  });
});

describe("the section's onRefusal: 'log' example", () => {
  it('is the line core logs for that policy and that preflight', () => {
    const text = section(readme());
    const example = /```ts\n(?:import \{ cors \} from '@portcullis\/core';\n\n)?(const policy = cors\(([\s\S]*?)\);)\n```/.exec(text);
    expect(example, 'the ts example').not.toBeNull();
    const options = new Function(`return (${example![2]});`)() as Parameters<typeof cors>[0];
    const logged = /```text\n(portcullis: [^\n]*)\n```/.exec(text);
    expect(logged, 'the logged line').not.toBeNull();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const policy = cors(options);
      const preflight = new Request('https://api.myapp.es/items', {
        method: 'OPTIONS',
        headers: { origin: 'https://admin.myapp.es', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
      });
      policy.preflight(preflight);
      expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([logged![1]]);
    } finally {
      warn.mockRestore();
    }
  });
});
