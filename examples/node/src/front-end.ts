/** A one-page front end, served from another origin, that calls the API from the browser. */
export function frontEndPage(apiOrigin: string): Response {
  const html = `<!doctype html>
<meta charset="utf-8">
<title>Portcullis example</title>
<h1>Cross-origin call to ${apiOrigin}</h1>
<pre id="out">calling...</pre>
<script type="module">
  const out = document.getElementById('out');
  try {
    const response = await fetch('${apiOrigin}/api/hello', {
      headers: { 'x-user': 'browser' },
      credentials: 'include',
    });
    out.textContent = JSON.stringify({
      status: response.status,
      body: await response.json(),
      requestId: response.headers.get('x-request-id'),
    }, null, 2);
  } catch (error) {
    out.textContent = 'blocked: ' + error;
  }
</script>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
