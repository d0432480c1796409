// What a package's README says, read the way a registry page shows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishedPackage } from './workspace.js';

export const readme = (pkg: PublishedPackage): string => readFileSync(join(pkg.path, 'README.md'), 'utf8');

/** The fenced code blocks, with their language. */
export function codeBlocks(text: string): { lang: string; code: string }[] {
  return [...text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The README's first TypeScript block: the quick start the release check runs. */
export function quickStart(pkg: PublishedPackage): string {
  const block = codeBlocks(readme(pkg)).find((b) => b.lang === 'ts');
  if (block === undefined) throw new Error(`${pkg.manifest.name}'s README has no ts block`);
  return block.code;
}

/** The README as a page shows it: without code blocks and inline code, where links are text. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link and image target: Markdown `[text](target)`, `![alt](target)`, and HTML `href`/`src`. */
export function linkTargets(text: string): string[] {
  const body = prose(text);
  return [
    ...[...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...body.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!),
  ];
}

/** The anchors GitHub (and npm, and JSR) give the headings of a Markdown text. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const [, heading] of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
    counts.set(slug, seen + 1);
  }
  return anchors;
}

/**
 * The names a README's `## Exports` section lists, by entry point: one list item per name,
 * starting with the name in backticks (`` - `cors`: ... ``). A heading that names an entry point
 * (`` ### `@portcullis/core/adapter` ``) starts that entry's list; other headings and lines
 * group names without changing the entry, which is `main` until one is named.
 */
export function listedExports(text: string, main: string): Map<string, string[]> {
  const lines = text.replace(/^```[\s\S]*?^```/gm, '').split('\n');
  const start = lines.findIndex((line) => /^##\s+Exports\s*$/.test(line));
  const listed = new Map<string, string[]>();
  if (start === -1) return listed;
  let entry = main;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    const heading = /^#{3,6}\s+`(@[^`]+)`\s*$/.exec(line);
    if (heading !== null) entry = heading[1]!;
    const item = /^[-*]\s+`([A-Za-z_$][\w$]*)`/.exec(line);
    if (item !== null) listed.set(entry, [...(listed.get(entry) ?? []), item[1]!]);
  }
  return listed;
}
