// The engine's own report of a refusal: what it must say for a blocked scenario (the wording of
// engine-reasons.ts, and the scenario's declared console line), and nothing for a readable one.

import type { EngineName, Scenario } from '../scenario-types.ts';
import { normaliseLine, type RunPlaces } from './console-text.ts';
import { isRefusalLine, REFUSAL_WORDING } from './engine-reasons.ts';
import type { EngineReports } from './engines/engine.ts';
import { expectationFor, type Evidence } from './evidence.ts';

/** What the engine's reports must contain for a blocked scenario (empty for a no-cors load). */
export function expectedReports(scenario: Scenario, engine: EngineName): { corsError?: string; console: readonly string[]; line?: string } {
  const readable = expectationFor(scenario, engine).readable;
  if (readable === true || readable.reason === null) return { console: [] };
  const wording = REFUSAL_WORDING[readable.reason][engine];
  const line = readable.console?.[engine];
  return {
    console: wording.console,
    ...(wording.corsError === undefined ? {} : { corsError: wording.corsError }),
    ...(line === undefined ? {} : { line }),
  };
}

/** The engine's console lines in the declared form (see console-text.ts). */
export function normalisedConsole(engine: EngineName, reports: EngineReports, places: RunPlaces): string[] {
  return reports.console.map((line) => normaliseLine(engine, line, places));
}

/** Whether the reports already hold everything the scenario expects of them. */
export function reportsComplete(scenario: Scenario, engine: EngineName, places: RunPlaces, reports: EngineReports): boolean {
  const want = expectedReports(scenario, engine);
  const text = reports.console.join('\n');
  return (
    (want.corsError === undefined || reports.corsErrors.includes(want.corsError)) &&
    want.console.every((part) => text.includes(part)) &&
    (want.line === undefined || normalisedConsole(engine, reports, places).includes(want.line))
  );
}

export function checkReports(scenario: Scenario, evidence: Evidence, problems: string[]): void {
  const { engine, reports } = evidence;
  if (!reports) return;
  const refusals = reports.console.filter((line) => isRefusalLine(engine, line));
  const readable = expectationFor(scenario, engine).readable;
  if (readable === true || readable.reason === null) {
    if (reports.corsErrors.length > 0) problems.push(`${engine} reported CORS errors: ${reports.corsErrors.join(', ')}`);
    if (refusals.length > 0) problems.push(`${engine} printed a CORS refusal: ${refusals.join(' | ')}`);
    return;
  }
  const want = expectedReports(scenario, engine);
  if (want.corsError !== undefined && !reports.corsErrors.includes(want.corsError)) {
    problems.push(`expected ${engine} to report ${want.corsError}, it reported ${reports.corsErrors.join(', ') || 'no CORS error'}`);
  }
  const text = reports.console.join('\n');
  for (const part of want.console) {
    if (!text.includes(part)) {
      problems.push(`expected ${engine}'s console to say ${JSON.stringify(part)}, it printed: ${reports.console.join(' | ') || 'nothing'}`);
    }
  }
  if (want.line !== undefined) {
    const lines = normalisedConsole(engine, reports, evidence.reportPlaces);
    if (!lines.includes(want.line)) {
      problems.push(`expected ${engine}'s console line ${JSON.stringify(want.line)}, it printed (normalised): ${lines.map((l) => JSON.stringify(l)).join(' | ') || 'nothing'}`);
    }
  }
}
