// Registrable domains, for deriving attacker origins an attacker could actually register.
// Which suffixes are shared (`es`, `co.uk`, `github.io`) is core's knowledge: it refuses a
// credentialed wildcard directly below one with the problem `origin.credentialed-shared-suffix`,
// so asking core keeps a single list in the repository.

import { cors, CorsConfigError } from '@portcullis/core';
import { isIpLiteral } from '../hosts.js';

const shared = new Map<string, boolean>();

/** Whether unrelated parties register names directly below `suffix` (a TLD, `co.uk`, `github.io`). */
export function isSharedSuffix(suffix: string): boolean {
  let answer = shared.get(suffix);
  if (answer === undefined) {
    try {
      cors({ origin: `https://*.${suffix}`, credentials: true });
      answer = false;
    } catch (error) {
      answer = error instanceof CorsConfigError && error.problems.some((p) => p.code === 'origin.credentialed-shared-suffix');
    }
    shared.set(suffix, answer);
  }
  return answer;
}

/**
 * The part of `hostname` that one party registers: the label before the longest shared
 * suffix (`www.myapp.es` -> `myapp.es`, `myorg.github.io` -> `myorg.github.io`). An IP
 * address or a single label is its own.
 */
export function registrableDomain(hostname: string): string {
  if (isIpLiteral(hostname)) return hostname;
  const labels = hostname.split('.');
  for (let i = 1; i < labels.length; i++) {
    if (isSharedSuffix(labels.slice(i).join('.'))) return labels.slice(i - 1).join('.');
  }
  return hostname;
}
