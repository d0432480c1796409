// The configuration a user writes around a snippet of `portcullis export`: the smallest one that
// proxies `/` to the API, with the snippet included where its first line says (nginx: the
// location part in the location, the maps at the http level; Apache: in the <VirtualHost>;
// Caddy: pasted at the top, imported in the site block and in handle_errors). It runs as is,
// in the foreground (standaloneCommand), its relative files under the server's folder.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEBIAN_APACHE_MODULES } from '../../src/export/apache.js';
import type { WebServer } from '../../src/index.js';

export interface SnippetHost {
  /** Where the server listens, `host:port`. */
  readonly listen: string;
  /** The API, `http://host:port`. */
  readonly upstream: string;
}

const NGINX_TEMP = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${t}_temp;`).join('\n');
const APACHE_MODULES = ['mpm_event', 'authz_core', 'setenvif', 'headers', 'rewrite', 'proxy', 'proxy_http'];

/** The main configuration around `snippet`; the files it includes are written to `folder`. */
export function snippetHost(server: WebServer, snippet: string, folder: string, { listen, upstream }: SnippetHost): string {
  if (server === 'nginx') {
    const [location, maps] = snippet.split(/\n(?=# Part 2 of 2)/);
    writeFileSync(join(folder, 'location.conf'), location!);
    writeFileSync(join(folder, 'maps.conf'), maps!);
    return `daemon off;\npid nginx.pid;\nerror_log stderr warn;\nevents {}\nhttp {\n  access_log off;\n${NGINX_TEMP}\n  include ${folder}/maps.conf;\n  server {\n    listen ${listen};\n    location / {\n      proxy_pass ${upstream};\n      include ${folder}/location.conf;\n    }\n  }\n}\n`;
  }
  if (server === 'apache') {
    writeFileSync(join(folder, 'cors.conf'), snippet);
    const modules = APACHE_MODULES.map((m) => `LoadModule ${m}_module ${DEBIAN_APACHE_MODULES}/mod_${m}.so`);
    return `${modules.join('\n')}\nPidFile httpd.pid\nDefaultRuntimeDir .\nErrorLog error.log\nListen ${listen}\nServerName api.myapp.es\n<VirtualHost ${listen}>\n  ProxyPass / ${upstream}/\n  Include ${folder}/cors.conf\n</VirtualHost>\n`;
  }
  return `{\n\tadmin off\n\tauto_https off\n}\n${snippet}\nhttp://${listen} {\n\timport portcullis_cors\n\treverse_proxy ${upstream}\n\thandle_errors {\n\t\timport portcullis_cors_errors\n\t\trespond "{err.status_code}" {err.status_code}\n\t}\n}\n`;
}
