// The origins this example trusts. PORTCULLIS_EXAMPLE_ORIGINS (comma-separated) adds more at
// server start, so a browser test can serve its pages from wherever it runs.
const extra = (process.env.PORTCULLIS_EXAMPLE_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');

export const allowedOrigins: readonly string[] = ['https://myapp.es', 'https://*.myapp.es', ...extra];
