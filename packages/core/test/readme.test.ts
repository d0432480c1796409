// The README prints what the library throws: its configuration error is produced here from the
// options it describes, and compared byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('prints the CorsConfigError the library throws for a backtracking RegExp and a credentialed wildcard under js.org', () => {
    const printed = /```text\n(CorsConfigError:[\s\S]*?)```/.exec(readme)?.[1];
    expect(printed).toBeDefined();
    let thrown = '';
    try {
      cors({ origin: [/^https:\/\/([a-z0-9]+)+\.myapp\.es$/, 'https://*.js.org'], credentials: true });
    } catch (error) {
      thrown = `${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(thrown).toBe(printed!.trimEnd());
  });
});
