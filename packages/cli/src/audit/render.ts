// The human rendering of an audit: what was audited, then each finding (severity, class, what
// an attacker's page can do, the request and answer that prove it, the fix and the
// configuration), then the notes and a count. Every string is escaped first (safe-text.ts).

import { ENGINES, PLAIN, type Style } from '@portcullis/browser-model';
import { COLORS, escaped, exchangeLines, SHOWN_RESPONSE_HEADERS } from '../render.js';
import { severityRank } from './judged.js';
import type { AuditFinding, AuditReport, Severity } from './types.js';

/** The headers that prove a finding: the CORS ones, and those that make an answer cacheable. */
const PROOF_HEADERS = (name: string): boolean =>
  SHOWN_RESPONSE_HEADERS(name) || name === 'cache-control' || name === 'expires';

// The marks of check's rendering.
const TICK = '✔';
const CROSS = '✘';
const BANG = '!';

/** Probe ids listed under a finding; --json has them all. */
const SHOWN_PROBES = 3;

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** Whether `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

function mark(severity: Severity, style: Style): string {
  if (severity === 'high' || severity === 'medium') return style.fail(CROSS);
  return severity === 'low' ? style.warn(BANG) : style.dim('·');
}

function findingLines(finding: AuditFinding, style: Style): string[] {
  const lines = [`${mark(finding.severity, style)} ${style.bold(`${finding.severity} ${finding.id}`)}: ${finding.title}`, `    ${finding.attacker}`];
  if (finding.proof !== undefined) lines.push(...exchangeLines(finding.proof, style, PROOF_HEADERS).map((line) => `  ${line}`));
  if (finding.alsoAllowed !== undefined) lines.push(`    also allowed: ${finding.alsoAllowed.join(', ')}`);
  if (finding.evidence.length > 1) {
    const more = finding.evidence.length - SHOWN_PROBES;
    lines.push(`    ${style.dim(`probes: ${finding.evidence.slice(0, SHOWN_PROBES).join(', ')}${more > 0 ? ` and ${more} more (--json lists them)` : ''}`)}`);
  }
  lines.push(`    fix: ${finding.fix.text}:`, `      ${finding.fix.code}`);
  return lines;
}

function counts(findings: readonly AuditFinding[]): string {
  if (findings.length === 0) return 'no finding';
  const parts = SEVERITIES.flatMap((s) => {
    const n = findings.filter((f) => f.severity === s).length;
    return n === 0 ? [] : [`${n} ${s}`];
  });
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** One URL's audit as text; `color` paints it for a terminal. Nothing from the network is printed raw. */
export function renderAudit(unsafe: AuditReport, options: { color?: boolean; failOn?: Severity } = {}): string {
  const report = escaped(unsafe);
  const style = options.color ? COLORS : PLAIN;
  const failOn = options.failOn ?? 'medium';
  const lines = [
    style.bold(`portcullis audit ${report.url}`),
    `trusted: ${report.trusted.join(', ')}; ${report.requests} requests, judged as ${ENGINES[report.engine].label} would`,
  ];
  for (const finding of report.findings) lines.push('', ...findingLines(finding, style));
  if (report.notes.length > 0) lines.push('');
  for (const note of report.notes) lines.push(`${style.warn('note')}: ${note}`);
  const failing = report.findings.filter((f) => atLeast(f.severity, failOn)).length;
  const verdict = failing === 0 ? style.pass(TICK) : style.fail(CROSS);
  lines.push('', `${verdict} ${counts(report.findings)}${failing === 0 && report.findings.length > 0 ? ` (none at or above ${failOn})` : ''}`);
  return `${lines.join('\n')}\n`;
}
