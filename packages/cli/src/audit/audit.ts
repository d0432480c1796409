// `portcullis audit` as a library: plays every probe of the plan against the server and
// against the intended policy, and reports what the server allows beyond it.

import { NetworkError } from '../errors.js';
import { send } from '../transport.js';
import { VERSION } from '../version.js';
import { invalidAcao, wildcardCredentials } from './acao-findings.js';
import { callOf } from './attacker-text.js';
import { CLASS_IDS } from './classes.js';
import { configuration, fixOf } from './fix.js';
import { intentOf, policyTransport, recommended } from './intent.js';
import { header, severityRank, type Draft, type Judged } from './judged.js';
import { notesOf } from './notes.js';
import { originFindings } from './origin-findings.js';
import { planProbes } from './plan.js';
import { paced, runPooled } from './pool.js';
import { crossSiteWrite, preflightPermissive } from './request-findings.js';
import { runProbe, type Outcome, type ProbeSpec, type Transport } from './run-probe.js';
import { settingsOf, type Settings } from './settings.js';
import type { AuditFinding, AuditOptions, AuditProbe, AuditReport } from './types.js';
import { missingVary } from './vary-findings.js';

/** Every probe against the server; the first alone, so that an unreachable server costs one request. */
async function observe(probes: readonly ProbeSpec[], settings: Settings, transport: Transport): Promise<Outcome[]> {
  const run = (spec: ProbeSpec) => runProbe(spec, settings.url, settings.engine, transport, settings.cookie);
  const [first, ...rest] = probes;
  if (first === undefined) return [];
  const head = await run(first);
  if (head.error !== undefined) throw new NetworkError(head.error);
  return [head, ...(await runPooled(rest, run, settings.concurrency))];
}

function findingsOf(judged: readonly Judged[], settings: Settings, credentialed: boolean): Draft[] {
  const drafts = [
    ...originFindings(judged, settings.url, settings.distrustSubdomains),
    ...invalidAcao(judged),
    ...wildcardCredentials(judged),
    ...missingVary(judged),
    ...preflightPermissive(judged, settings.url),
    ...crossSiteWrite(judged, settings.url, credentialed),
  ];
  return drafts.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || CLASS_IDS.indexOf(a.id) - CLASS_IDS.indexOf(b.id));
}

function probeOf(spec: ProbeSpec, outcome: Outcome, url: string): AuditProbe {
  return {
    id: spec.id,
    looksFor: spec.looksFor,
    origin: spec.origin,
    call: callOf(spec, url, spec.looksFor !== 'no-origin'),
    exchanges: outcome.exchanges,
    withCredentials: outcome.withCredentials,
    withoutCredentials: outcome.withoutCredentials,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  };
}

/**
 * Audits the CORS configuration of the server at `url` for the trusted origins of `options`.
 * Rejects with UsageError for bad options and NetworkError when the server cannot be reached.
 */
export async function audit(url: string, options: AuditOptions): Promise<AuditReport> {
  const settings = settingsOf(url, options);
  const intent = intentOf(options);
  const plan = planProbes({ ...settings, seeds: intent.seeds });
  const network: Transport =
    options.transport ?? ((request) => send(request, { timeoutMs: settings.timeoutMs, userAgent: `portcullis-cli/${VERSION} (audit)` }));
  const observed = await observe(plan.probes, settings, paced(network, settings.delayMs));
  // A credentialed API: the server lets a trusted origin send credentials (even where it then
  // fails, as with `*`), or the user gave its cookies.
  const credentialed =
    settings.cookie !== undefined ||
    plan.probes.some((p, i) => p.looksFor === 'trusted' && observed[i]!.exchanges.some((e) => header(e, 'access-control-allow-credentials') === 'true'));
  const config = recommended(intent.policy, { credentials: credentialed, method: settings.method, headers: settings.unsafeHeaders });
  const yardstick = policyTransport(config);
  const judged: Judged[] = [];
  for (const [i, spec] of plan.probes.entries()) {
    judged.push({ spec, observed: observed[i]!, intended: await runProbe(spec, settings.url, settings.engine, yardstick) });
  }
  const fix = configuration(config);
  const findings: AuditFinding[] = findingsOf(judged, settings, credentialed).map((draft) => ({ ...draft, fix: fixOf(draft.id, fix) }));
  const unsent: Outcome = { exchanges: [], withCredentials: 'unsent', withoutCredentials: 'unsent', error: `left out: over --max-requests ${settings.maxRequests}` };
  return {
    url: settings.url,
    trusted: intent.entries,
    engine: settings.engine,
    findings,
    probes: [...judged.map((j) => probeOf(j.spec, j.observed, settings.url)), ...plan.skipped.map((s) => probeOf(s, unsent, settings.url))],
    requests: observed.reduce((sum, o) => sum + o.exchanges.length, 0),
    notes: notesOf(judged, findings, plan.skipped, settings, intent),
    fix,
  };
}
