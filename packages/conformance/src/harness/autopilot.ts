// The autopilot's job queue: pages that no driver controls (WebKit's console run) long-poll
// for jobs by role, and post what they observed; the harness dispatches jobs and waits for
// their outcomes.

import type { IncomingMessage, ServerResponse } from 'node:http';

export type AutopilotRole = 'page' | 'sandboxed';

export interface AutopilotJob {
  readonly action: unknown;
  readonly base: string;
  readonly run: string;
}

const POLL_MS = 15_000;
// The sandboxed iframe's origin is opaque: its requests to this server are cross-origin.
export const OPEN = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

export class AutopilotQueue {
  #nextId = 0;
  readonly #queued = new Map<AutopilotRole, { id: number; job: AutopilotJob }[]>();
  readonly #waiting = new Map<AutopilotRole, ServerResponse[]>();
  readonly #pending = new Map<number, (outcome: unknown) => void>();
  readonly #seen = new Set<AutopilotRole>();
  readonly #seenWaiters: (() => void)[] = [];

  #deliver(role: AutopilotRole): void {
    const jobs = this.#queued.get(role) ?? [];
    const responses = this.#waiting.get(role) ?? [];
    while (jobs.length > 0 && responses.length > 0) {
      const response = responses.shift()!;
      const next = jobs.shift()!;
      response.writeHead(200, { ...OPEN, 'content-type': 'application/json' }).end(JSON.stringify({ id: next.id, ...next.job }));
    }
  }

  /** A page in `role` asks for work: answered with a job, or 204 after the poll time. */
  next(role: AutopilotRole, response: ServerResponse): void {
    if (!this.#seen.has(role)) {
      this.#seen.add(role);
      for (const waiter of this.#seenWaiters.splice(0)) waiter();
    }
    const list = this.#waiting.get(role) ?? [];
    list.push(response);
    this.#waiting.set(role, list);
    const drop = () => {
      const index = list.indexOf(response);
      if (index >= 0) list.splice(index, 1);
    };
    const timer = setTimeout(() => {
      drop();
      response.writeHead(204, OPEN).end();
    }, POLL_MS);
    response.on('close', () => {
      clearTimeout(timer);
      drop();
    });
    this.#deliver(role);
  }

  /** A page posts the outcome of job `id`. */
  result(id: number, request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.writeHead(204, OPEN).end();
      this.#pending.get(id)?.(JSON.parse(body) as unknown);
      this.#pending.delete(id);
    });
  }

  dispatch(role: AutopilotRole, job: AutopilotJob, timeoutMs = 60_000): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`the autopilot page (${role}) did not report run ${job.run} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      const jobs = this.#queued.get(role) ?? [];
      jobs.push({ id, job });
      this.#queued.set(role, jobs);
      this.#deliver(role);
    });
  }

  waitForRoles(roles: readonly AutopilotRole[], timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`autopilot pages never asked for work: ${roles.filter((r) => !this.#seen.has(r)).join(', ')}`)),
        timeoutMs,
      );
      const check = () => {
        if (roles.every((role) => this.#seen.has(role))) {
          clearTimeout(timer);
          resolve();
        } else {
          this.#seenWaiters.push(check);
        }
      };
      check();
    });
  }
}
