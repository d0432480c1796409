// A verdict in words: one line per step with a tick or a cross, the deciding values under it,
// and the fix under a cross.

import type { Verdict } from './simulate.js';
import type { Step } from './types.js';

/** How to paint the pieces; identity functions give plain text. */
export interface Style {
  readonly pass: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const same = (text: string) => text;
export const PLAIN: Style = { pass: same, fail: same, warn: same, dim: same, bold: same };

export const TICK = '✔';
export const CROSS = '✘';
export const BANG = '!';

/** A step as indented lines: mark and title, then detail, fix and the standard's view. */
export function renderStep(step: Step, style: Style = PLAIN, indent = '  '): string[] {
  const mark = !step.ok ? style.fail(CROSS) : step.warning ? style.warn(BANG) : style.pass(TICK);
  const lines = [`${indent}${mark} ${step.ok ? step.title : style.bold(step.title)}`];
  lines.push(`${indent}    ${style.dim(step.detail)}`);
  if (step.fix) lines.push(`${indent}    ${step.ok ? 'tip' : 'fix'}: ${step.fix}`);
  if (step.differs) lines.push(`${indent}    standard: ${step.differs}`);
  return lines;
}

/** The last line: what the browser concludes. */
export function renderConclusion(verdict: Verdict, style: Style = PLAIN): string {
  if (!verdict.allowed) {
    const failed = verdict.steps.filter((s) => !s.ok);
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more above)` : '';
    return `${style.fail(CROSS)} ${style.bold('blocked')}: ${failed[0]?.title ?? verdict.reason ?? 'the browser refuses the request'}${more}`;
  }
  if (!verdict.complete) {
    return `${style.warn(BANG)} ${style.bold('allowed so far')}: the browser would send the request; its response was not checked`;
  }
  return `${style.pass(TICK)} ${style.bold('allowed')}: the page's script can read the response`;
}

/** Every step and the conclusion, as plain lines (or styled ones). */
export function renderVerdict(verdict: Verdict, style: Style = PLAIN): string {
  const lines: string[] = [];
  for (const step of verdict.steps) lines.push(...renderStep(step, style));
  lines.push(renderConclusion(verdict, style));
  return `${lines.join('\n')}\n`;
}
