// Suffixes under which unrelated parties register names. A credentialed wildcard directly
// below one of them (`https://*.github.io`) would hand every tenant of that suffix the right
// to read logged-in users' data. Every single-label suffix (`com`, `es`, `localhost`, ...) is
// refused as well; this list adds common multi-label ones. It is deliberately short and
// conservative: the full Public Suffix List is large and changes weekly.

export const SHARED_SUFFIXES: ReadonlySet<string> = new Set([
  // Second-level registries
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au',
  'co.nz', 'org.nz', 'co.za', 'org.za',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp',
  'co.kr', 'or.kr', 'co.in', 'net.in', 'org.in', 'co.id', 'co.il', 'co.th',
  'com.br', 'net.br', 'org.br', 'com.ar', 'com.mx', 'com.co', 'com.pe', 'com.uy', 'com.ve',
  'com.cn', 'net.cn', 'org.cn', 'com.hk', 'com.tw', 'com.sg', 'com.my', 'com.ph', 'com.vn',
  'com.tr', 'com.ua', 'com.pl', 'com.ru', 'com.gr', 'com.cy', 'com.mt', 'com.pt',
  'com.es', 'nom.es', 'org.es', 'gob.es', 'edu.es',
  'com.eg', 'com.sa', 'com.ng', 'com.pk', 'com.bd',
  // Hosting platforms whose customers share one domain
  'github.io', 'githubusercontent.com', 'gitlab.io', 'bitbucket.io',
  'vercel.app', 'now.sh', 'netlify.app', 'netlify.com', 'pages.dev', 'workers.dev',
  'herokuapp.com', 'herokudns.com', 'fly.dev', 'onrender.com', 'railway.app', 'up.railway.app',
  'deno.dev', 'deno.net', 'web.app', 'firebaseapp.com', 'appspot.com', 'run.app', 'cloudfunctions.net',
  'azurewebsites.net', 'azurestaticapps.net', 'cloudapp.net', 'azureedge.net', 'blob.core.windows.net',
  'amazonaws.com', 's3.amazonaws.com', 'cloudfront.net', 'elasticbeanstalk.com', 'amplifyapp.com',
  'blogspot.com', 'wordpress.com', 'wixsite.com', 'squarespace.com', 'myshopify.com', 'webflow.io',
  'glitch.me', 'repl.co', 'replit.dev', 'replit.app', 'codesandbox.io', 'csb.app', 'stackblitz.io',
  'surge.sh', 'ngrok.io', 'ngrok.app', 'ngrok-free.app', 'trycloudflare.com', 'loca.lt',
  'sandbox.app', 'onrender.app', 'koyeb.app', 'supabase.co', 'ondigitalocean.app',
]);

/**
 * Whether a wildcard directly below `host` would span unrelated registrants: any single
 * label, an IPv4-looking tail, or a listed shared suffix.
 */
export function isSharedSuffix(host: string): boolean {
  if (!host.includes('.')) return true;
  const last = host.slice(host.lastIndexOf('.') + 1);
  if (/^[0-9]+$/.test(last)) return true;
  return SHARED_SUFFIXES.has(host);
}
