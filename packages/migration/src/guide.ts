// Reading MIGRATING.md as data: the rows of its tables (by the id in their first cell) and the
// code blocks tagged for a row with `<!-- row: <id> -->` on the line before the fence.

/** A table row whose first cell is a row id in backticks. */
export interface GuideRow {
  readonly id: string;
  readonly line: string;
}

export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** The row ids named by the `<!-- row: ... -->` comment just before the fence. */
  readonly rows: readonly string[];
}

const ROW_LINE = /^\|\s*`([a-z-]+\.[A-Za-z0-9-]+)`\s*\|/;

export function guideRows(markdown: string): GuideRow[] {
  const rows: GuideRow[] = [];
  for (const line of markdown.split('\n')) {
    const match = ROW_LINE.exec(line);
    if (match !== null) rows.push({ id: match[1]!, line });
  }
  return rows;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const match of markdown.matchAll(/(?:<!-- row: ([^>]*?) -->\n)?```(\w*)\n([\s\S]*?)```/g)) {
    blocks.push({ lang: match[2]!, code: match[3]!, rows: match[1] === undefined ? [] : match[1].split(/\s+/).filter(Boolean) });
  }
  return blocks;
}

/** Code compared across layouts: white space collapsed, no trailing commas before a closing bracket. */
export function normalize(code: string): string {
  return code
    .replace(/\s+/g, ' ')
    .replace(/,\s*([}\])])/g, ' $1')
    .replace(/([([{]) /g, '$1')
    .replace(/ ([)\]}])/g, '$1')
    .trim();
}
