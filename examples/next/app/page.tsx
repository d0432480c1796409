export default function Home() {
  return (
    <main>
      <h1>Portcullis on Next.js</h1>
      <ul>
        <li>
          <code>/api/items/[id]</code>: route handlers wrapped with <code>withCors</code>
        </li>
        <li>
          <code>/api/reports</code>: <code>withCors</code> with the route&apos;s own OPTIONS handler
        </li>
        <li>
          <code>/public/*</code>: covered by <code>corsProxy</code> in <code>proxy.ts</code>
        </li>
      </ul>
    </main>
  );
}
