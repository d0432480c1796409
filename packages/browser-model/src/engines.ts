// Where shipping browsers depart from the Fetch Standard. Chromium's entries were measured with
// Chromium 156 by this package's differential test; Firefox's come from measurements of Firefox
// ESR 153 (the wildcard and the Max-Age cap) and otherwise follow the standard.

import type { Engine } from './types.js';

export interface EngineProfile {
  readonly name: Engine;
  /** Shown in verdicts, e.g. "Chromium 156". */
  readonly label: string;
  /** `Access-Control-Allow-Headers: *` also covers `authorization` (without credentials). */
  readonly wildcardCoversAuthorization: boolean;
  /** Same-name request headers are merged into one `a, b` value before the safelist checks. */
  readonly combinesRepeatedHeaders: boolean;
  /** Chromium's extra safelisted names: legacy client hints and `intervention`. */
  readonly clientHintsSafelisted: boolean;
  /** Names fetch() silently drops beyond the standard's forbidden request headers. */
  readonly extraDroppedHeaders: readonly string[];
  /** Seconds; the standard leaves the limit to the browser. */
  readonly maxAgeCap: number | undefined;
}

export const ENGINES: Readonly<Record<Engine, EngineProfile>> = {
  chromium: {
    name: 'chromium',
    label: 'Chromium 156',
    wildcardCoversAuthorization: true,
    combinesRepeatedHeaders: true,
    clientHintsSafelisted: true,
    // `user-agent` is not forbidden by the standard, but Chromium never lets script set it;
    // `access-control-request-private-network` is forbidden by Private Network Access.
    extraDroppedHeaders: ['user-agent', 'access-control-request-private-network'],
    maxAgeCap: 7200,
  },
  firefox: {
    name: 'firefox',
    label: 'Firefox 153',
    wildcardCoversAuthorization: true,
    combinesRepeatedHeaders: true,
    clientHintsSafelisted: false,
    extraDroppedHeaders: [],
    maxAgeCap: 86400,
  },
  standard: {
    name: 'standard',
    label: 'the Fetch Standard',
    wildcardCoversAuthorization: false,
    combinesRepeatedHeaders: false,
    clientHintsSafelisted: false,
    extraDroppedHeaders: [],
    maxAgeCap: undefined,
  },
};

export function engineProfile(engine: Engine | undefined): EngineProfile {
  const name = engine ?? 'chromium';
  const profile = Object.hasOwn(ENGINES, name) ? ENGINES[name] : undefined;
  if (profile === undefined) {
    throw new TypeError(`unknown engine '${String(engine)}': use 'chromium', 'firefox' or 'standard'`);
  }
  return profile;
}
