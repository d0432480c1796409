// A dependency-free horizontal grouped bar chart in SVG: one group per scenario, one bar per
// contender, each bar labelled with its value so the chart reads without a legend lookup.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ESCAPES[c]);

export const PALETTE = ['#2f6fdb', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#5899da'];

/**
 * @param {{ title: string, subtitle?: string, series: string[], groups: { label: string,
 *   values: (number | undefined)[], texts?: string[] }[], colors?: string[],
 *   format: (v: number) => string }} spec
 */
export function barChart({ title, subtitle = '', series, colors = PALETTE, groups, format }) {
  const width = 860;
  const labelWidth = 230;
  const barHeight = 13;
  const groupGap = 12;
  const top = 62 + Math.ceil(series.length / 3) * 18;
  const plotWidth = width - labelWidth - 90;
  const max = Math.max(...groups.flatMap((g) => g.values.filter((v) => Number.isFinite(v))), 1e-9);
  const groupHeight = series.length * barHeight + groupGap;
  const height = top + groups.length * groupHeight + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600">${escape(title)}</text>`,
    `<text x="12" y="40" fill="#555">${escape(subtitle)}</text>`,
  ];
  series.forEach((name, i) => {
    const x = 12 + (i % 3) * 270;
    const y = 58 + Math.floor(i / 3) * 18;
    parts.push(`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${colors[i % colors.length]}"/>`);
    parts.push(`<text x="${x + 15}" y="${y}">${escape(name)}</text>`);
  });
  groups.forEach((group, g) => {
    const y0 = top + g * groupHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y0 + (series.length * barHeight) / 2 + 4}" text-anchor="end">${escape(group.label)}</text>`);
    group.values.forEach((value, i) => {
      const y = y0 + i * barHeight;
      if (!Number.isFinite(value)) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 3}" fill="#999">${escape(group.texts?.[i] ?? 'n/a')}</text>`);
        return;
      }
      const w = Math.max(1, (Math.max(0, value) / max) * plotWidth);
      parts.push(`<rect x="${labelWidth}" y="${y + 1}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${colors[i % colors.length]}"/>`);
      parts.push(`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + barHeight - 3}" fill="#333">${escape(group.texts?.[i] ?? format(value))}</text>`);
    });
  });
  parts.push(`<line x1="${labelWidth}" y1="${top - 4}" x2="${labelWidth}" y2="${height - 16}" stroke="#999"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
