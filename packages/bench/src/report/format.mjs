// The formatting shared by the report's sections.

export const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');
export const rps = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
export const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(2)} KB` : 'n/a');
export const pct = (v) => `${Math.round(v * 100)}%`;

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
