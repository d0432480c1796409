// The policy of the commands that build one (proxy, audit, export): `--policy <file>` (core's
// options as JSON, or a module whose default export is the options) and the flags beside it,
// which replace the file's fields they name. Validated by core, so a policy file gets the same
// problems and fixes as `cors()`.

import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cors, CorsConfigError, type CorsConfigProblem, type CorsOptions } from '@portcullis/core';
import { UsageError } from './errors.js';

/** The node:util parseArgs options of the policy flags. */
export const POLICY_FLAGS = {
  policy: { type: 'string' },
  origin: { type: 'string', multiple: true },
  credentials: { type: 'boolean' },
  'allow-header': { type: 'string', multiple: true },
  'allow-method': { type: 'string', multiple: true },
  'expose-header': { type: 'string', multiple: true },
} as const;

/** The help lines of the policy flags, for each command's help text. */
export const POLICY_FLAGS_HELP = `  --policy <file>          the CORS policy: core's options as JSON (or a .js/.mjs module whose
                           default export is them); the flags below replace the fields they name
  --origin <origin>        an origin allowed to read responses; repeat for several
  --credentials            allow credentialed requests (cookies)
  --allow-header <name>    a request header allowed in preflights; repeat (default content-type)
  --allow-method <method>  a method allowed in preflights; repeat (default GET HEAD POST PUT PATCH DELETE)
  --expose-header <name>   a response header the page's script may read; repeat
`;

/** What parseArgs gives for POLICY_FLAGS. */
interface PolicyFlagValues {
  readonly policy?: string | undefined;
  readonly origin?: string[] | undefined;
  readonly credentials?: boolean | undefined;
  readonly 'allow-header'?: string[] | undefined;
  readonly 'allow-method'?: string[] | undefined;
  readonly 'expose-header'?: string[] | undefined;
}

/** The flag each top-level option is written with, for messages about flags. */
const FLAG_OF: Readonly<Record<string, string>> = {
  origin: '--origin',
  allowHeaders: '--allow-header',
  allowMethods: '--allow-method',
  exposeHeaders: '--expose-header',
  credentials: '--credentials',
};

/** Where a problem is, for a reader of the command line: the flag, or the file and the path in it. */
function locate(problem: CorsConfigProblem, fromFlags: ReadonlySet<string>, file: string | undefined): string {
  const [first, second] = problem.path;
  if (typeof first === 'string' && fromFlags.has(first)) {
    return `${FLAG_OF[first]}${typeof second === 'number' ? ` #${second + 1}` : ''}`;
  }
  const inFile = problem.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
  return `${file ?? 'options'}${inFile === '' ? '' : `: ${inFile.replace(/^\./, '')}`}`;
}

/** A CorsConfigError as one line naming the flags (or the policy file's paths) at fault. */
export function describePolicyError(error: CorsConfigError, fromFlags: ReadonlySet<string> = new Set(Object.keys(FLAG_OF)), file?: string): string {
  const problems = error.problems.map((p) => `${locate(p, fromFlags, file)}: ${p.message} (fix: ${p.fix})`);
  return `invalid CORS ${file === undefined ? 'flags' : 'policy'}: ${problems.join('; ')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The options in a policy file; throws UsageError saying what is wrong with the file. */
async function readPolicyFile(file: string): Promise<Record<string, unknown>> {
  const path = resolve(file);
  const extension = extname(path);
  let value: unknown;
  if (extension === '.js' || extension === '.mjs' || extension === '.cjs') {
    try {
      value = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new UsageError(`--policy ${file} could not be loaded: ${(error as Error).message}`);
    }
    if (value === undefined) throw new UsageError(`--policy ${file} has no default export: write export default { origin: [...] }`);
  } else {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`--policy ${file} cannot be read${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`);
    }
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`--policy ${file} is not valid JSON (${(error as Error).message}): write core's options, e.g. { "origin": ["https://myapp.es"] }`);
    }
  }
  if (!isPlainObject(value)) throw new UsageError(`--policy ${file} must hold an object of CORS options, e.g. { "origin": ["https://myapp.es"] }`);
  return value;
}

/** The options the flags name, as core spells them. */
function optionsFromFlags(values: PolicyFlagValues): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  // A lone --origin '*' is the option '*' (a public API), which a list may not contain.
  if (values.origin !== undefined && values.origin.length > 0) options.origin = values.origin.join() === '*' ? '*' : [...values.origin];
  if (values.credentials === true) options.credentials = true;
  if (values['allow-header'] !== undefined) options.allowHeaders = [...values['allow-header']];
  if (values['allow-method'] !== undefined) options.allowMethods = [...values['allow-method']];
  if (values['expose-header'] !== undefined) options.exposeHeaders = [...values['expose-header']];
  return options;
}

/**
 * The policy the flags describe: the file's options, if any, with the flags' fields over them.
 * Validated by core; throws UsageError with every problem (and its fix) in one line.
 */
export async function policyOptions(values: PolicyFlagValues): Promise<CorsOptions> {
  const file = values.policy;
  const fromFile = file === undefined ? {} : await readPolicyFile(file);
  const fromFlags = optionsFromFlags(values);
  const options = { ...fromFile, ...fromFlags } as unknown as CorsOptions;
  if (!Object.hasOwn(options, 'origin')) {
    throw new UsageError(
      file === undefined
        ? '--origin is required: an origin allowed to read responses, e.g. --origin https://myapp.es (or --policy <file>)'
        : `--policy ${file} has no origin, and no --origin is given: add "origin": ["https://myapp.es"] to the file`,
    );
  }
  try {
    cors(options);
  } catch (error) {
    if (error instanceof CorsConfigError) throw new UsageError(describePolicyError(error, new Set(Object.keys(fromFlags)), file));
    throw error;
  }
  return options;
}
