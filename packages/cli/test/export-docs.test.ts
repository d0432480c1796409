// EXPORT.md shows exactly what `portcullis export` prints for its example policy, which is the
// documentation's (packages/docs/requests.md); and the README of the package links to it.
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_SERVERS } from '../src/export/settings.js';
import { main } from '../src/index.js';
import { README_POLICY } from './export/differential-cases.js';

const PACKAGE = join(import.meta.dirname, '..');
const DOC = readFileSync(join(PACKAGE, 'EXPORT.md'), 'utf8');

/** The fenced block right after `<!-- marker -->`. */
function blockAfter(marker: string): string {
  const match = new RegExp(`<!-- ${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`).exec(DOC);
  if (!match) throw new Error(`EXPORT.md has no block after <!-- ${marker} -->`);
  return match[1]!;
}

describe('EXPORT.md', () => {
  it("shows the documentation's example policy (packages/docs/requests.md)", () => {
    expect(JSON.parse(blockAfter('policy.json'))).toEqual(JSON.parse(JSON.stringify(README_POLICY)));
    const page = readFileSync(join(PACKAGE, '../docs/requests.md'), 'utf8');
    expect(page).toContain("origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*']");
  });

  it.each(WEB_SERVERS.map((s) => [s]))('shows exactly what portcullis export %s --policy policy.json prints', async (server) => {
    const file = join(mkdtempSync(join(tmpdir(), 'portcullis-doc-')), 'policy.json');
    writeFileSync(file, blockAfter('policy.json'));
    let stdout = '';
    const status = await main(['export', server, '--policy', file], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => undefined }, env: {} });
    expect(status).toBe(0);
    expect(blockAfter(`portcullis export ${server} --policy policy.json`), 'regenerate the block from the command').toBe(stdout);
  });

  it('is linked from the package README', () => {
    expect(readFileSync(join(PACKAGE, 'README.md'), 'utf8')).toContain('/packages/cli/EXPORT.md)');
  });
});
