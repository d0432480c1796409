// Vary is a list the route owns too: CORS tokens are added to it, never written over it.
// A shared cache that loses `Vary: Origin` serves one origin's answer to another.

function hasToken(lowerList: readonly string[], lowerToken: string): boolean {
  for (let i = 0; i < lowerList.length; i++) {
    const t = lowerList[i];
    if (t === lowerToken || t === '*') return true;
  }
  return false;
}

/**
 * `current` (a Vary value, possibly absent or given as several lines) with each token of
 * `tokens` (", "-separated) appended unless already present (case-insensitively) or covered
 * by `*`. Returns `current` itself when nothing is missing.
 */
export function mergeVary(current: string | readonly string[] | number | undefined, tokens: string): string {
  const existing = current === undefined ? '' : Array.isArray(current) ? current.join(', ') : String(current);
  if (existing.trim() === '') return tokens;
  const present = existing.split(',').map((t) => t.trim().toLowerCase());
  let merged = existing;
  for (const token of tokens.split(', ')) {
    if (!hasToken(present, token.toLowerCase())) merged = `${merged}, ${token}`;
  }
  return merged;
}
