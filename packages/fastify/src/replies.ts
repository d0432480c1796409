// Turning decisions into Fastify replies. Which CORS headers to set, keep or strip, and how
// `Vary` is merged, is the core's (`decisionApplier`); this module only tells it how a reply's
// headers are read and written. Through the reply, it also sees (and removes) what a handler
// set with `reply.raw.setHeader`.

import { decisionApplier, type HeaderWriter, type PreflightDecision, type RefusedWriteDecision } from '@portcullis/core/adapter';
import type { FastifyReply } from 'fastify';

const replyHeaders: HeaderWriter<FastifyReply> = {
  // Node keeps a header set several times as an array; Vary is a list, so its lines join.
  get: (reply, name) => reply.getHeader(name)?.toString(),
  set: (reply, name, value) => void reply.header(name, value),
  remove: (reply, name) => void reply.removeHeader(name),
  names: (reply) => Object.keys(reply.getHeaders()),
};

/** Applies a decision to a reply about to be sent. */
export const applyDecision = decisionApplier(replyHeaders);

/** For a reply nothing has set a header on: answered in the first onRequest hook. */
const applyToFresh = decisionApplier({ ...replyHeaders, names: () => [] });

/**
 * Answers a preflight, or refuses a write: the decision's status and headers, empty. `fresh`:
 * the plugin's hook is the first, so there is no header to strip (and no copy of them to make).
 */
export function sendAnswer(reply: FastifyReply, decision: PreflightDecision | RefusedWriteDecision, fresh: boolean): void {
  reply.code(decision.status);
  (fresh ? applyToFresh : applyDecision)(reply, decision);
  reply.send();
}
