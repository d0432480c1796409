// A CORS policy compiled once into what every web server needs, whatever its syntax: ordered
// regex classifiers over request headers (each a small table: first matching rule wins), the
// kind of answer they add up to, and per kind the status and the response headers. The rules
// are the core's (`engine.decide`, the preflight and actual answers, write protection); the
// servers only render this plan (nginx.ts, apache.ts, caddy.ts).

import { protocol, type ResolvedConfig } from '@portcullis/core/adapter';
import { compileClassifiers, type Classifier } from './classifiers.js';
import { compileOutputs, displayCase, type Kind, type Output } from './outputs.js';
import { readExportablePolicy } from './exportable.js';

export type { Classifier, Rule } from './classifiers.js';
export type { Kind, Output } from './outputs.js';

/**
 * The request values a plan reads, by the names its templates use: `{origin}` and the others.
 * Each server renders them its own way (`$http_origin`, `{header.Origin}`, `%{HTTP:Origin}`).
 */
const INPUTS = ['method', 'origin', 'host', 'acrm', 'acrh', 'site'] as const;
export type Input = (typeof INPUTS)[number];

/** The request header each input is, for servers that read headers by name. */
export const INPUT_HEADERS: Readonly<Record<Exclude<Input, 'method'>, string>> = {
  origin: displayCase(protocol.ORIGIN),
  host: 'Host',
  acrm: displayCase(protocol.ACRM),
  acrh: displayCase(protocol.ACRH),
  site: displayCase(protocol.SEC_FETCH_SITE),
};

/** CORS response headers an upstream may send, removed from every answer so that the policy's stand alone. */
export const UPSTREAM_CORS_HEADERS: readonly string[] = [protocol.ACAO, protocol.ACAC, protocol.ACAM, protocol.ACAH, protocol.ACEH, protocol.ACMA].map(displayCase);

export interface ExportPlan {
  /** Classifiers, each reading only inputs and classifiers before it. */
  readonly classifiers: readonly Classifier[];
  /** The classifier whose value is the answer's kind. */
  readonly kind: string;
  /** Kinds answered by the server itself, with their status; every other kind goes upstream. */
  readonly answered: ReadonlyMap<Kind, number>;
  /** Response headers, per kind. */
  readonly outputs: readonly Output[];
  /** `Vary` tokens per kind, merged with the upstream's own. */
  readonly vary: ReadonlyMap<Kind, readonly string[]>;
  /** Whether the answer depends on `Origin` at all (not with `origin: '*'`). */
  readonly variesByOrigin: boolean;
}

/**
 * The plan of a policy: validated by the core (its problems and fixes), refused with an
 * ExportError when a web server cannot express it.
 */
export function planPolicy(options: unknown): ExportPlan {
  const config: ResolvedConfig<unknown> = readExportablePolicy(options);
  const { outputs, answered, vary } = compileOutputs(config);
  const classifiers = usedClassifiers(compileClassifiers(config), ['{kind}', ...outputs.flatMap((o) => [...o.byKind.values()])]);
  return { classifiers, kind: 'kind', answered, outputs, vary, variesByOrigin: config.origin.kind !== 'any' };
}

/** The names a template reads: `{origin}`, `{o}` (captures such as `{1}` are not names). */
export function references(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

function readsOf(classifier: Classifier): string[] {
  return classifier.type === 'equal' ? [...references(classifier.left), ...references(classifier.right)] : references(classifier.source);
}

/** Only the classifiers the roots read, directly or through others, in their order. */
function usedClassifiers(all: readonly Classifier[], roots: readonly string[]): Classifier[] {
  const byName = new Map(all.map((c) => [c.name, c]));
  const used = new Set<string>();
  const visit = (name: string) => {
    const classifier = byName.get(name);
    if (classifier === undefined || used.has(name)) return;
    used.add(name);
    for (const read of readsOf(classifier)) visit(read);
  };
  for (const root of roots) for (const name of references(root)) visit(name);
  return all.filter((c) => used.has(c.name));
}

/** `template` with each `{name}` and capture `{1}` written the server's way. */
export function fillTemplate(template: string, name: (ref: string) => string, capture: (index: string) => string): string {
  return template.replace(/\{([a-z_]+|[0-9])\}/g, (_, ref: string) => (/^[0-9]$/.test(ref) ? capture(ref) : name(ref)));
}

export function isInput(name: string): name is Input {
  return (INPUTS as readonly string[]).includes(name);
}

/** The kinds of each distinct template of an output, in first-seen order. */
export function kindsByTemplate(output: Output): Map<string, Kind[]> {
  const groups = new Map<string, Kind[]>();
  for (const [kind, template] of output.byKind) groups.set(template, [...(groups.get(template) ?? []), kind]);
  return groups;
}

/** The answered kinds grouped by status. */
export function kindsByStatus(plan: ExportPlan): Map<number, Kind[]> {
  const groups = new Map<number, Kind[]>();
  for (const [kind, status] of plan.answered) groups.set(status, [...(groups.get(status) ?? []), kind]);
  return groups;
}

/** Whether a template reads a classifier whose value may be empty (then the header is left out). */
export function mayBeEmpty(plan: ExportPlan, template: string): string[] {
  return references(template).filter((name) => plan.classifiers.some((c) => c.name === name && c.type === 'table' && c.mayBeEmpty === true));
}
