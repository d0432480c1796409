// The origin-check classes: an attacker origin that the server lets through and the intended
// policy does not. A broader class explains the narrower ones it implies (classes.ts FOLDS),
// so one mistake in an origin check gives one finding, with the other origins it let through.

import { attackerCan } from './attacker-text.js';
import { CLASS_IDS, CLASSES, FOLDS, ORIGIN_CLASSES } from './classes.js';
import { allows, allowsAny, deciding, severityRank, worse, type Draft, type Judged } from './judged.js';
import type { AuditClassId, Severity } from './types.js';

/** The classes an origin probe can reveal (`reflect-any` becomes `reflect-any-credentials` with them). */
const PROBED: ReadonlySet<string> = new Set<AuditClassId>(['reflect-any', ...ORIGIN_CLASSES]);

/** Classes that are a problem only with the user's credentials. */
const CREDENTIALS_ONLY: ReadonlySet<AuditClassId> = new Set(['http-origin-credentials', 'subdomain-credentials']);

interface Candidate {
  readonly id: AuditClassId;
  readonly judged: Judged;
  readonly severity: Severity;
}

function severityOf(id: AuditClassId, credentials: boolean, distrustSubdomains: boolean): Severity {
  if (id === 'subdomain-credentials') return distrustSubdomains ? 'high' : 'info';
  if (id === 'reflect-any') return 'medium';
  return credentials ? 'high' : 'medium';
}

function candidateOf(judged: Judged, distrustSubdomains: boolean): Candidate | undefined {
  const { spec, observed, intended } = judged;
  if (!PROBED.has(spec.looksFor) || allowsAny(intended) || !allowsAny(observed)) return undefined;
  const credentials = allows(observed.withCredentials);
  let id = spec.looksFor as AuditClassId;
  if (id === 'reflect-any' && credentials) id = 'reflect-any-credentials';
  if (CREDENTIALS_ONLY.has(id) && !credentials) return undefined;
  return { id, judged, severity: severityOf(id, credentials, distrustSubdomains) };
}

/** The origin-check findings of one URL. */
export function originFindings(all: readonly Judged[], url: string, distrustSubdomains: boolean): Draft[] {
  const candidates = all.flatMap((judged) => candidateOf(judged, distrustSubdomains) ?? []);
  const found = new Map<AuditClassId, Severity>();
  for (const c of candidates) found.set(c.id, worse(found.get(c.id) ?? c.severity, c.severity));
  // The broadest class found that implies `id` and is at least as severe, itself implied by none.
  const folder = (id: AuditClassId, severity: Severity): AuditClassId | undefined => {
    const broader = CLASS_IDS.find((broad) => {
      const at = found.get(broad);
      return at !== undefined && severityRank(at) <= severityRank(severity) && FOLDS[broad]?.includes(id);
    });
    return broader === undefined ? undefined : (folder(broader, found.get(broader)!) ?? broader);
  };
  const drafts = new Map<AuditClassId, { evidence: Candidate[]; also: string[] }>();
  for (const candidate of candidates) {
    const into = folder(candidate.id, candidate.severity);
    const key = into ?? candidate.id;
    const draft = drafts.get(key) ?? { evidence: [], also: [] };
    if (into === undefined) draft.evidence.push(candidate);
    else draft.also.push(candidate.judged.spec.origin ?? 'null');
    drafts.set(key, draft);
  }
  return CLASS_IDS.flatMap((id) => {
    const draft = drafts.get(id);
    if (draft === undefined || draft.evidence.length === 0) return [];
    const [first] = draft.evidence;
    return [
      {
        id,
        severity: draft.evidence.map((c) => c.severity).reduce(worse),
        title: CLASSES[id].title,
        attacker: attackerCan(first!.judged, url),
        evidence: draft.evidence.map((c) => c.judged.spec.id),
        proof: deciding(first!.judged.observed),
        ...(draft.also.length > 0 ? { alsoAllowed: draft.also } : {}),
      },
    ];
  });
}
