// Runs a guide's rows as tests: per row, what Portcullis's cors() says about the peer's text,
// then every check against both sides, compared by what a browser concludes.

import type { CorsRefusalEvent } from '@portcullis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conclude, type Conclusion } from '../../src/conclude.js';
import { declaresDifference, type Check, type Expected, type Row } from '../../src/rows.js';
import type { Server } from '../../src/servers.js';
import { throughSharedCache } from '../../src/shared-cache.js';
import { startPeer, startPortcullis, whatCoreSays, type PeerName } from '../../src/sides.js';

/** The fields of `conclusion` that `expected` names. */
function named(conclusion: Conclusion, expected: Expected): Expected {
  const picked: { -readonly [K in keyof Expected]: Expected[K] } = { allowed: conclusion.allowed };
  if (expected.readable !== undefined) picked.readable = conclusion.readable;
  if (expected.reached !== undefined) picked.reached = conclusion.reached;
  if (expected.cachedFor !== undefined) picked.cachedFor = conclusion.cachedFor;
  return picked;
}

/** The conclusion of `check.call`, after its earlier calls if any; `beforeCall` runs just before it. */
async function concludeCheck(check: Check, server: Server, beforeCall: () => void = () => {}): Promise<Conclusion> {
  const send = check.afterCached === undefined ? server.send : throughSharedCache(server.send);
  for (const call of check.afterCached ?? []) await conclude(call, server, send);
  beforeCall();
  return conclude(check.call, server, send);
}

export function describeRows(peer: PeerName, rows: readonly Row[]): void {
  describe.each(rows.map((row) => ({ id: row.id, row })))('$id', ({ row }) => {
    let peerServer: Server;
    let portcullisServer: Server;
    const events: CorsRefusalEvent<unknown>[] = [];

    beforeAll(async () => {
      peerServer = await startPeer(peer, row);
      portcullisServer = await startPortcullis(peer, row, events);
    });
    afterAll(async () => {
      await peerServer?.close();
      await portcullisServer?.close();
    });

    it("is what Portcullis's cors() says of the peer's configuration", () => {
      const said = whatCoreSays(peer, row.peer, row);
      if (row.core === 'accepted') {
        expect(said).toBe('accepted');
        return;
      }
      expect(row.core.length).toBeGreaterThan(0);
      for (const says of row.core) {
        const problems = says.text === undefined ? said : whatCoreSays(peer, says.text, row);
        expect(problems, says.text ?? row.peer).not.toBe('accepted');
        expect(problems === 'accepted' ? [] : problems.map(({ code, fix }) => ({ code, fix }))).toContainEqual({ code: says.code, fix: says.fix });
      }
      // A refused configuration needs a translation.
      expect(row.portcullis, 'a translation').toBeDefined();
    });

    it.each(row.checks.map((check) => ({ name: check.name, check })))('$name', async ({ check }) => {
      const fromPeer = await concludeCheck(check, peerServer);
      const fromPortcullis = await concludeCheck(check, portcullisServer, () => {
        events.length = 0;
      });
      expect(named(fromPeer, check.peer), 'with the peer').toEqual(check.peer);
      if (check.portcullis === undefined) {
        const { cachedFor: _p, ...peerSide } = fromPeer;
        const { cachedFor: _q, ...portcullisSide } = fromPortcullis;
        expect(portcullisSide, 'with Portcullis, the same').toEqual(peerSide);
        if (check.peer.cachedFor !== undefined) expect(fromPortcullis.cachedFor).toBe(check.peer.cachedFor);
      } else {
        expect(declaresDifference(check), 'the row names a difference').toBe(true);
        expect(named(fromPortcullis, check.portcullis), 'with Portcullis').toEqual(check.portcullis);
      }
      if (check.refusals !== undefined) expect(events.map((event) => event.code)).toEqual(check.refusals);
    });
  });
}
