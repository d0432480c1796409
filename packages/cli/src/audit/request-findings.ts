// What a page can make the server do rather than read: a preflight that lets any method or
// header through with credentials, and a cross-site credentialed POST that reaches the handler.

import { callOf, pageOf } from './attacker-text.js';
import { CLASSES } from './classes.js';
import { deciding, type Draft, type Judged } from './judged.js';
import type { Outcome } from './run-probe.js';

/** Which of the odd method and header the credentialed preflight let through. */
function permits(outcome: Outcome): { method: boolean; header: boolean } {
  const steps = outcome.verdict?.steps ?? [];
  const ok = (name: string) => steps.some((s) => s.step === name && s.ok);
  const accepted = ok('cors.allow-origin') && ok('cors.allow-credentials') && ok('preflight.status');
  return { method: accepted && ok('preflight.method'), header: accepted && ok('preflight.header') };
}

/** The parts the server lets through and the intended policy does not, in words. */
function beyondIntent(judged: Judged): string[] {
  const observed = permits(judged.observed);
  const intended = permits(judged.intended);
  const parts: string[] = [];
  if (observed.method && !intended.method) parts.push(`the method ${judged.spec.method}`);
  if (observed.header && !intended.header) parts.push(`the header ${judged.spec.headers[0]?.[0] ?? ''}`);
  return parts;
}

/** `preflight-permissive`: high when an untrusted origin's preflight passes too. */
export function preflightPermissive(all: readonly Judged[], url: string): Draft[] {
  const permissive = all.filter((j) => j.spec.looksFor === 'preflight-permissive' && beyondIntent(j).length > 0);
  if (permissive.length === 0) return [];
  const attacker = permissive.find((j) => j.spec.id === 'preflight-permissive-attacker');
  const shown = attacker ?? permissive[0]!;
  return [
    {
      id: 'preflight-permissive',
      severity: attacker === undefined ? 'low' : 'high',
      title: CLASSES['preflight-permissive'].title,
      attacker:
        `${pageOf(shown.spec.origin ?? 'null')} can run ${callOf(shown.spec, url, true)}: the preflight lets ${beyondIntent(shown).join(' and ')} through, ` +
        `so the browser sends it with the user's cookies` +
        (attacker === undefined ? ' (only from origins the server trusts)' : ': any site can send any method or header it likes'),
      evidence: permissive.map((j) => j.spec.id),
      proof: deciding(shown.observed),
    },
  ];
}

function status(outcome: Outcome): number | undefined {
  return outcome.exchanges.find((e) => e.request.kind === 'actual')?.response.status;
}

const ok = (code: number | undefined) => code !== undefined && code >= 200 && code <= 299;

/** `cross-site-write`: the cross-site POST answered 2xx where the intended policy refuses it. */
export function crossSiteWrite(all: readonly Judged[], url: string, credentialed: boolean): Draft[] {
  const judged = all.find((j) => j.spec.looksFor === 'cross-site-write');
  if (judged === undefined || !ok(status(judged.observed)) || ok(status(judged.intended))) return [];
  return [
    {
      id: 'cross-site-write',
      severity: credentialed ? 'high' : 'medium',
      title: CLASSES['cross-site-write'].title,
      attacker:
        `${pageOf(judged.spec.origin ?? 'null')} can run ${callOf(judged.spec, url, true)} (or submit a form): no preflight is needed, ` +
        `the browser sends it with the user's cookies, and the server answered ${status(judged.observed)}: the handler ran, although the page cannot read the answer`,
      evidence: [judged.spec.id],
      proof: deciding(judged.observed),
    },
  ];
}
