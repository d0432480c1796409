// Suffixes under which unrelated parties register names. A credentialed wildcard directly
// below one of them (`https://*.github.io`) would hand every tenant of that suffix the right
// to read logged-in users' data. The source is the Public Suffix List
// (https://publicsuffix.org/list/), which is large and changes weekly, so this module keeps
// its shape rather than a copy: every single-label suffix, the second-level registries of
// country codes (`gov.br`, `ac.in`, `co.uk`: a registry label under a two-letter code), and the
// hosting platforms users most often deploy to. test/public-suffixes.test.ts checks every name
// here against the real list and reports how much of it the rules cover.

/** Second-level labels that country registries use for public registrations. */
const REGISTRY_LABELS: ReadonlySet<string> = new Set(
  'ac asso biz co com coop ed edu firm gen go gob gouv gov govt gv info int k12 ltd mil mod name ne net ngo nic nom or org per plc police priv res sch tm'.split(' '),
);

/** Shared suffixes from the list's private section: platforms, and registries under gTLDs. */
const SHARED_SUFFIXES: ReadonlySet<string> = new Set(
  (
    // source forges and static hosting
    'github.io githubusercontent.com gitlab.io bitbucket.io codeberg.page srht.site readthedocs.io githubpreview.dev ' +
    // application platforms
    'vercel.app vercel.dev now.sh netlify.app pages.dev workers.dev r2.dev herokuapp.com fly.dev onrender.com deno.dev ' +
    'web.app firebaseapp.com appspot.com cloudfunctions.net googleapis.com withgoogle.com translate.goog ' +
    'azurewebsites.net azurestaticapps.net cloudapp.net azureedge.net azure-mobile.net blob.core.windows.net ' +
    's3.amazonaws.com cloudfront.net elasticbeanstalk.com amplifyapp.com edgecompute.app global.ssl.fastly.net ' +
    'ondigitalocean.app supabase.co pythonanywhere.com glitch.me repl.co replit.dev replit.app csb.app ' +
    'hf.space streamlit.app adaptable.app deta.dev deta.app web.val.run ' +
    // site builders and blogs
    'blogspot.com wixsite.com myshopify.com webflow.io framer.app framer.website notion.site carrd.co ' +
    // tunnels and dynamic DNS
    'ngrok.io ngrok.app ngrok-free.app ngrok.dev ngrok-free.dev trycloudflare.com duckdns.org ddns.net no-ip.org myftp.org dynv6.net freeddns.org ' +
    // registries under generic TLDs (CentralNic and others)
    'uk.com us.com eu.com br.com cn.com de.com jpn.com ru.com sa.com za.com gr.com mex.com gb.net uk.net se.net hu.net jp.net in.net us.org ae.org'
  ).split(' '),
);

/** Platforms whose every subdomain is a suffix of its own (hundreds of list entries each). */
const SHARED_FAMILIES: readonly string[] = ['amazonaws.com'];

/**
 * Whether a wildcard directly below `host` would span unrelated registrants: a single label,
 * an IPv4-looking tail, a country's second-level registry, a listed platform, or any host of
 * a platform family.
 */
export function isSharedSuffix(host: string): boolean {
  const lastDot = host.lastIndexOf('.');
  if (lastDot === -1) return true;
  const last = host.slice(lastDot + 1);
  if (/^[0-9]+$/.test(last)) return true;
  if (SHARED_SUFFIXES.has(host)) return true;
  for (const family of SHARED_FAMILIES) {
    if (host === family || host.endsWith(`.${family}`)) return true;
  }
  const first = host.slice(0, lastDot);
  return last.length === 2 && !first.includes('.') && REGISTRY_LABELS.has(first);
}

/** The names this module lists, for its tests. */
export const LISTED_SHARED_SUFFIXES: readonly string[] = /* @__PURE__ */ Array.from(SHARED_SUFFIXES);
export const LISTED_REGISTRY_LABELS: readonly string[] = /* @__PURE__ */ Array.from(REGISTRY_LABELS);
