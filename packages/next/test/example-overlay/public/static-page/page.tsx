// A static page under proxy.ts's matcher: Next prerenders it, sends it with a long shared-cache
// lifetime, and replaces the proxy's Vary on it.
export default function StaticPage() {
  return <main>A static page</main>;
}
