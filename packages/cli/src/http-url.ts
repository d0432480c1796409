// The URLs the commands are given (check's and audit's URLs, proxy's --target): absolute, and
// http or https, the only schemes fetch() sends a CORS request over.

import { UsageError } from './errors.js';

/**
 * `raw` as a URL; throws UsageError when it is relative or not http(s). `named` is how the
 * message names it (`'raw'`, `--target 'raw'`), `example` how to write it instead.
 */
export function httpUrl(raw: string, named = `'${raw}'`, example = 'http://host/path or https://host/path'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${named} is not an absolute URL: write it as ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${named} is not an http or https URL`);
  return url;
}
