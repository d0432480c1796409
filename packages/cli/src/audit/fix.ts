// The recommended configuration as code (`cors({ ... })`, ready to paste) and as JSON, and the
// fix of each finding: its class's fix in words, then that configuration.

import type { CorsOptions } from '@portcullis/core';
import { CLASSES } from './classes.js';
import { entryText } from './intent.js';
import type { AuditClassId, AuditFix } from './types.js';

function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value instanceof RegExp) return value.toString();
  if (typeof value === 'function') return `/* ${entryText(value)} */ undefined`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${fields.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(v)}`).join(', ')} }`;
  }
  return String(value);
}

function json(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(json);
  if (value instanceof RegExp || typeof value === 'function') return entryText(value);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, json(v)]));
  }
  return value;
}

/** The configuration, as code and as JSON. */
export function configuration(options: CorsOptions): Omit<AuditFix, 'text'> {
  return { code: `cors(${literal(options)})`, options: json(options) as Record<string, unknown> };
}

export function fixOf(id: AuditClassId, config: Omit<AuditFix, 'text'>): AuditFix {
  return { text: CLASSES[id].fix, ...config };
}
