// The probes of one URL, in the order they are sent, each with the most requests it costs, so
// that the number of requests is known before the first one: the probes that do not fit in
// --max-requests are left out (the last ones: the least telling) and reported as such.

import { planRequest, type Engine, type HeaderList } from '@portcullis/browser-model';
import { ATTACKER_DOMAIN, commonOrigins, derivedOrigins, type DerivedOrigin, type Seed } from './attacker-origins.js';
import type { ProbeSpec } from './run-probe.js';

export const DEFAULT_MAX_REQUESTS = 40;

/** The method and header of the preflight probes: nothing an API lists unless it echoes every request. */
const ODD_METHOD = 'PORTCULLIS';
const ODD_HEADER = 'x-portcullis-audit';

interface PlanInput {
  readonly url: string;
  readonly seeds: readonly Seed[];
  /** The page's call: its method and the headers its script sets. */
  readonly method: string;
  readonly headers: HeaderList;
  readonly probeWrites: boolean;
  readonly maxRequests: number;
  readonly engine: Engine;
}

interface Plan {
  readonly probes: readonly ProbeSpec[];
  /** Left out by --max-requests. */
  readonly skipped: readonly ProbeSpec[];
}

const ATTACKER = `https://${ATTACKER_DOMAIN}`;

/** Requests an origin probe costs: a preflight when the call needs one, then the actual request for GET and HEAD. */
function readCost(input: PlanInput): number {
  const plan = planRequest({ origin: ATTACKER, url: input.url, method: input.method, headers: input.headers, engine: input.engine });
  if (plan.preflight === null) return 1;
  return plan.method === 'GET' || plan.method === 'HEAD' ? 2 : 1;
}

/** Every probe of the URL, in the order they are sent. */
function allProbes(input: PlanInput): ProbeSpec[] {
  const cost = readCost(input);
  const probes: ProbeSpec[] = [];
  const seen = new Set<string>();
  const read = (id: string, looksFor: ProbeSpec['looksFor'], origin: string): void => {
    if (seen.has(origin)) return;
    seen.add(origin);
    const taken = probes.filter((p) => p.id === id || p.id.startsWith(`${id}#`)).length;
    probes.push({
      id: taken === 0 ? id : `${id}#${taken + 1}`,
      looksFor,
      pageOrigin: origin,
      origin,
      method: input.method,
      headers: input.headers,
      actual: 'reads',
      cost,
    });
  };
  const derived = (list: readonly DerivedOrigin[]) => {
    for (const d of list) read(d.looksFor, d.looksFor, d.origin);
  };
  const [first, ...others] = input.seeds;
  if (first !== undefined) read('trusted', 'trusted', first.trusted);
  const self = new URL(input.url).origin;
  probes.push({ id: 'no-origin', looksFor: 'no-origin', pageOrigin: self, origin: null, method: 'GET', headers: [], actual: 'reads', cost: 1 });
  seen.add(self);
  const [reflect, nullOrigin, ...thirdParties] = commonOrigins();
  derived([reflect!, nullOrigin!]);
  if (first !== undefined) derived(derivedOrigins(first.base));
  derived(thirdParties);
  const odd = { looksFor: 'preflight-permissive' as const, method: ODD_METHOD, headers: [[ODD_HEADER, '1']] as HeaderList, actual: 'preflight' as const, cost: 1 };
  if (first !== undefined) probes.push({ ...odd, id: 'preflight-permissive', pageOrigin: first.trusted, origin: first.trusted });
  probes.push({ ...odd, id: 'preflight-permissive-attacker', pageOrigin: ATTACKER, origin: ATTACKER });
  if (input.probeWrites) {
    const headers: HeaderList = [['content-type', 'text/plain;charset=UTF-8']];
    probes.push({ id: 'cross-site-write', looksFor: 'cross-site-write', pageOrigin: ATTACKER, origin: ATTACKER, method: 'POST', headers, actual: 'always', cost: 1 });
  }
  for (const seed of others) {
    read('trusted', 'trusted', seed.trusted);
    derived(derivedOrigins(seed.base));
  }
  return probes;
}

/** The probes to send within `maxRequests`, and those left out. */
export function planProbes(input: PlanInput): Plan {
  const probes: ProbeSpec[] = [];
  const skipped: ProbeSpec[] = [];
  let budget = input.maxRequests;
  for (const probe of allProbes(input)) {
    if (probe.cost <= budget && skipped.length === 0) {
      probes.push(probe);
      budget -= probe.cost;
    } else {
      skipped.push(probe);
    }
  }
  return { probes, skipped };
}
