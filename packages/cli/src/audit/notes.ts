// Facts of an audit that are not misconfigurations but change how to read it: a trusted
// origin the server refuses, a redirect not followed, probes left out or failed.

import { localNetworkAccess } from '@portcullis/browser-model';
import { ATTACKER_DOMAIN } from './attacker-origins.js';
import { allowsAny, header, type Judged } from './judged.js';
import type { ProbeSpec } from './run-probe.js';
import type { Intent } from './intent.js';
import type { Settings } from './settings.js';
import type { AuditFinding } from './types.js';

function refusedTrusted(judged: readonly Judged[], findings: readonly AuditFinding[]): string[] {
  if (findings.some((f) => f.id === 'invalid-acao')) return [];
  return judged
    .filter((j) => j.spec.looksFor === 'trusted' && allowsAny(j.intended) && !allowsAny(j.observed) && j.observed.error === undefined)
    .map((j) => `the server does not let ${j.spec.origin} read this URL, though you trust it: ${j.observed.verdict?.reason ?? 'blocked'}`);
}

function redirects(judged: readonly Judged[], url: string): string[] {
  const redirect = judged.flatMap((j) => j.observed.exchanges).find((e) => e.response.status >= 300 && e.response.status < 400 && header(e, 'location') !== null);
  if (redirect === undefined) return [];
  const location = header(redirect, 'location')!;
  let target = location;
  try {
    target = new URL(location, url).href;
  } catch {
    // shown as sent
  }
  return [`the URL answers ${redirect.response.status} with Location: ${location}; redirects are not followed: audit ${target} too`];
}

/** A policy of RegExps or functions: the audit cannot tell which origins they trust. */
function underived(intent: Intent): string[] {
  if (intent.seeds.length > 0 || intent.policy.origin === '*') return [];
  return [
    `no origin to derive attacker origins from in ${intent.entries.join(', ')}: only the probes that need none were sent; ` +
      'add one of the origins they trust with --origin to probe the mistakes around it',
  ];
}

/** Chromium's Local Network Access: not CORS, but it stands between a public page and this URL. */
function localNetwork(url: string): string[] {
  const access = localNetworkAccess(`https://${ATTACKER_DOMAIN}`, url);
  if (access === undefined) return [];
  const where = access.to === 'loopback' ? 'a loopback address' : 'an address on the local network';
  return [
    `the URL is ${where}: since Chrome 142, Chromium asks the user before a page on a public origin reaches it (Local Network Access, ` +
      'which no CORS header grants); the findings hold for the pages the user lets through, and for other browsers',
  ];
}

export function notesOf(
  judged: readonly Judged[],
  findings: readonly AuditFinding[],
  skipped: readonly ProbeSpec[],
  settings: Settings,
  intent: Intent,
): string[] {
  const notes = [...underived(intent), ...refusedTrusted(judged, findings), ...redirects(judged, settings.url), ...localNetwork(settings.url)];
  for (const j of judged) if (j.observed.error !== undefined) notes.push(`the probe ${j.spec.id} got no answer: ${j.observed.error}`);
  if (skipped.length > 0) {
    notes.push(`${skipped.length} probe${skipped.length === 1 ? '' : 's'} left out to stay within --max-requests ${settings.maxRequests}: ${skipped.map((s) => s.id).join(', ')}`);
  }
  if (settings.cookie !== undefined) {
    notes.push('the cookie you gave was sent on the credentialed requests only (never on preflights); the answers are judged with and without credentials');
  }
  return notes;
}
