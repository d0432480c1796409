// Suffixes under which unrelated parties register names. A credentialed wildcard at or above
// one of them (`https://*.github.io`, `https://*.js.org`, `https://*.amazonaws.com`) would hand
// every tenant of that suffix the right to read logged-in users' data. The source is the
// Public Suffix List (https://publicsuffix.org/list/), generated into public-suffix-list.ts by
// scripts/public-suffixes.mjs; it is decoded the first time a configuration asks, never on a
// request.

import { PUBLIC_SUFFIX_TRIE } from './public-suffix-list.js';

type Trie = Map<string, Trie>;

let trie: Trie | undefined;

/** `jp(kawasaki(*,!city))` -> nested maps keyed by label, read right to left. */
function decode(text: string): Trie {
  const root: Trie = new Map();
  const stack: Trie[] = [root];
  let label = '';
  let last: Trie = root;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch !== undefined && ch !== ',' && ch !== '(' && ch !== ')') {
      label += ch;
      continue;
    }
    if (label !== '') {
      last = new Map();
      stack[stack.length - 1]!.set(label, last);
      label = '';
    }
    if (ch === '(') stack.push(last);
    else if (ch === ')') stack.pop();
  }
  return root;
}

/**
 * Whether a wildcard directly below `host` would span unrelated registrants: a single label,
 * an IPv4-looking tail, a public suffix (`co.uk`, `js.org`, `*.kawasaki.jp`'s `a.kawasaki.jp`),
 * or a name above one (`amazonaws.com`, above `s3.amazonaws.com`).
 */
export function isSharedSuffix(host: string): boolean {
  const labels = host.split('.').reverse();
  if (labels.length === 1 || /^[0-9]+$/.test(labels[0]!)) return true;
  let node = (trie ??= decode(PUBLIC_SUFFIX_TRIE));
  for (let i = 0; i < labels.length; i++) {
    const next = node.get(labels[i]!);
    if (next !== undefined) {
      node = next;
      continue;
    }
    // `*.kawasaki.jp`: every single label there is a suffix, but the exceptions (`!city`).
    return i === labels.length - 1 && node.has('*') && !node.has(`!${labels[i]}`);
  }
  return true;
}
