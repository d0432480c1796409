// What a web server can express of a policy. The core validates it first (the same problems
// and fixes as `cors()`); then whatever only runs in JavaScript is refused, one sentence each,
// with the fix: an origin function, an `onRefusal` listener, a RegExp outside the syntax PCRE
// and RE2 share, and names or values that a server's configuration cannot quote alike.

import { createCorsEngine, type ResolvedConfig } from '@portcullis/core/adapter';
import { untranslatable } from './regexp-origins.js';

/** Why a policy cannot be exported; `code` is one of the documented export codes. */
export type ExportErrorCode =
  | 'export.origin-function'
  | 'export.on-refusal'
  | 'export.regexp-syntax'
  | 'export.unquotable-name'
  | 'export.unquotable-value'
  | 'export.unknown-server'
  | 'export.invalid-setting';

/** A policy (or a setting) that a web server cannot express: `message` says what, `fix` how to change it. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} (fix: ${fix})`);
  }
}

/**
 * Names a server reads as configuration syntax rather than text (`$` starts an nginx variable,
 * quotes and backticks end strings): HTTP allows them in tokens, no real method or header uses them.
 */
const UNQUOTABLE_IN_NAME = /[$'`"\\{};#]/;

function checkNames(option: string, names: readonly string[]): void {
  for (const name of names) {
    const bad = UNQUOTABLE_IN_NAME.exec(name);
    if (bad) {
      throw new ExportError(
        'export.unquotable-name',
        `${option} has '${name}', whose '${bad[0]}' web servers read as configuration syntax`,
        `rename it without '${bad[0]}', or keep it out of the exported policy`,
      );
    }
  }
}

/** The validated, normalised policy; throws CorsConfigError (the core's) or ExportError. */
export function readExportablePolicy(options: unknown): ResolvedConfig<unknown> {
  const config = createCorsEngine<unknown>(options as never, {
    method: () => 'GET',
    header: () => undefined,
    host: () => '',
  }).config;
  if (config.origin.kind === 'function') {
    throw new ExportError(
      'export.origin-function',
      'an origin function runs JavaScript on every request, which a web server cannot',
      "list the origins it accepts instead, as exact origins or patterns such as 'https://*.myapp.es'",
    );
  }
  if (config.onRefusal !== undefined) {
    throw new ExportError(
      'export.on-refusal',
      'onRefusal calls JavaScript on every refusal, which a web server cannot',
      "remove onRefusal: the Portcullis-Refusal header says why in the server's answer, and its access log keeps it",
    );
  }
  if (config.origin.kind === 'list') {
    for (const re of config.origin.regexps) {
      const reason = untranslatable(re);
      if (reason !== undefined) {
        throw new ExportError('export.regexp-syntax', `${String(re)} cannot be carried over to a web server: ${reason}`, "write it as origin patterns such as 'https://*.myapp.es', or as a RegExp using only classes, groups (?:...), | and repetitions");
      }
    }
  }
  if (config.allowMethods.kind !== 'wildcard') checkNames('allowMethods', config.allowMethods.names);
  checkNames('allowHeaders', config.allowHeaders.names);
  checkNames('exposeHeaders', config.exposeHeaders.names);
  const cacheControl = config.preflightCacheControl;
  if (cacheControl !== undefined && UNQUOTABLE_IN_NAME.test(cacheControl)) {
    throw new ExportError(
      'export.unquotable-value',
      `preflightCacheControl '${cacheControl}' has characters web servers read as configuration syntax`,
      "write it with directives and numbers only, e.g. 'public, max-age=600'",
    );
  }
  return config;
}
