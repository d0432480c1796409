// Reading the front page and the pages of packages/docs as a reader sees them: their code
// blocks (with the file name a block is titled with), their sections, their links.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const DOCS = join(ROOT, 'packages/docs');
export const FRONT_PAGE = join(ROOT, 'README.md');

/** The front page and every page of packages/docs, as absolute paths, front page first. */
export function pages(): string[] {
  const docs = readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(DOCS, name));
  return [FRONT_PAGE, ...docs];
}

/** A path relative to the repository root, for test names and messages. */
export const shown = (path: string): string => relative(ROOT, path);

export const read = (path: string): string => readFileSync(path, 'utf8');

export interface Block {
  /** The language of the fence: `ts`, `sh`, `text`... */
  readonly lang: string;
  /** The file the block is, from a fence such as ```ts title="server.ts". */
  readonly title: string | undefined;
  readonly code: string;
  /** Where the fence starts in the text. */
  readonly offset: number;
}

/** The fenced code blocks of a Markdown text, in order. */
export function blocks(text: string): Block[] {
  return [...text.matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1]!,
    title: /\btitle="([^"]+)"/.exec(m[2]!)?.[1],
    code: m[3]!,
    offset: m.index,
  }));
}

/** The text under a heading, up to the next heading of the same or a higher level. */
export function section(text: string, heading: string): string {
  const level = /^#+/.exec(heading)![0].length;
  const start = text.search(new RegExp(`^${escape(heading)}$`, 'm'));
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const rest = text.slice(start + heading.length);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return text.slice(start, end < 0 ? undefined : start + heading.length + end);
}

/** The subsections of a text at one heading level: their titles and texts. */
export function subsections(text: string, level: number): { heading: string; text: string }[] {
  const marker = `${'#'.repeat(level)} `;
  const starts = [...text.matchAll(new RegExp(`^${marker}(.+)$`, 'gm'))];
  return starts.map((m, i) => ({ heading: m[1]!, text: text.slice(m.index, starts[i + 1]?.index) }));
}

/** A heading's text as a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lines of a shell block, without comments and blank lines. */
export function commands(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter(Boolean);
}

/** Shell words, with single quotes (all the pages use). */
export function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** The text of `cors({ ... })`'s argument in a piece of source: the options it shows. */
export function corsArgument(source: string): string {
  const start = source.indexOf('cors({');
  if (start < 0) throw new Error('no cors({...}) call');
  let depth = 0;
  for (let i = start + 5; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start + 5, i + 1);
  }
  throw new Error('unbalanced cors({...})');
}
