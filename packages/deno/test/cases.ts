// One shape for the HTTP cases of every server test: what is sent, and what must come back.

import assert from 'node:assert/strict';
import { send, tokens } from './helpers.ts';

export interface HttpCase {
  /** The rule the case proves, as the test's name. */
  readonly rule: string;
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
  /** Exact header values; `null` means the header must be absent. */
  readonly expectHeaders?: Record<string, string | null>;
  /** Tokens that `Vary` must contain, whatever else it holds. */
  readonly varyIncludes?: readonly string[];
  /** A part of the body that must be there. */
  readonly bodyIncludes?: string;
  /** The whole body. */
  readonly bodyIs?: string;
}

/** Registers one Deno test step per case, each sending real HTTP to `origin()`. */
export async function runCases(t: Deno.TestContext, origin: string, cases: readonly HttpCase[]): Promise<void> {
  for (const c of cases) {
    await t.step(c.rule, async () => {
      const { response, body } = await send(origin + c.path, { method: c.method ?? 'GET', headers: c.headers ?? {} });
      assert.equal(response.status, c.status, `status (body: ${body})`);
      for (const [name, value] of Object.entries(c.expectHeaders ?? {})) {
        assert.equal(response.headers.get(name), value, name);
      }
      const vary = tokens(response.headers.get('vary'));
      for (const token of c.varyIncludes ?? []) assert.ok(vary.includes(token.toLowerCase()), `Vary has ${token}: ${vary}`);
      if (c.bodyIncludes !== undefined) assert.ok(body.includes(c.bodyIncludes), `body has ${c.bodyIncludes}: ${body}`);
      if (c.bodyIs !== undefined) assert.equal(body, c.bodyIs, 'body');
    });
  }
}
