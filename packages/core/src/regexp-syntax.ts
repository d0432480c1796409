// A tiny parser of the RegExp syntax origins use, for configuration-time analysis only. It
// reads `RegExp.prototype.source` (already valid: the RegExp was built) into a tree of
// character sets, sequences, alternatives and repetitions. Each character set is a bit mask
// over the characters a serialized origin can contain, since nothing else ever reaches an
// origin RegExp (see origin-matcher.ts); where the syntax is not understood exactly, the set
// is over-approximated, so an analysis built on it can refuse too much, never too little.
// Back-references are not supported: they are reported, not guessed.

/** A node of the tree: a set of characters, or a combination of nodes. Zero-width assertions are `empty`. */
export type RegExpNode =
  | { readonly type: 'set'; readonly set: bigint }
  | { readonly type: 'empty' }
  | { readonly type: 'seq'; readonly items: readonly RegExpNode[] }
  | { readonly type: 'alt'; readonly items: readonly RegExpNode[] }
  | { readonly type: 'rep'; readonly body: RegExpNode; readonly min: number; readonly max: number };

/** Thrown for syntax the analysis does not model (a back-reference, a lookaround that repeats). */
export class UnsupportedRegExp extends Error {}

const bit = (c: number): bigint => 1n << BigInt(c);

/** The characters from `from` to `to`, of those below 128. */
function range(from: number, to: number): bigint {
  const low = Math.max(from, 0);
  const high = Math.min(to, 127);
  return low > high ? 0n : (1n << BigInt(high + 1)) - (1n << BigInt(low));
}

function chars(text: string): bigint {
  let mask = 0n;
  for (const ch of text) mask |= range(ch.charCodeAt(0), ch.charCodeAt(0));
  return mask;
}

/** Every character a serialized origin may contain: scheme, `://`, host (names, IPv6), port. */
const ORIGIN_CHARS: bigint = range(0x61, 0x7a) | range(0x30, 0x39) | chars('+-.:/[]_');
const DIGITS = range(0x30, 0x39);
const WORD = DIGITS | range(0x41, 0x5a) | range(0x61, 0x7a) | chars('_');
const SPACE = chars(' \t\n\v\f\r');
const ALL = range(0, 127);
const UPPER = range(0x41, 0x5a);

const CLASS_ESCAPES: Readonly<Record<string, bigint>> = { d: DIGITS, D: ALL & ~DIGITS, w: WORD, W: ALL & ~WORD, s: SPACE, S: ALL & ~SPACE };
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0 };

/** A parse of `source` under `flags`; throws UnsupportedRegExp for what it does not model. */
export function parseRegExp(source: string, flags: string): RegExpNode {
  const foldCase = flags.includes('i');
  let i = 0;

  /** The set as matched: uppercase folded to lowercase under `i`, then only origin characters. */
  const finish = (mask: bigint): bigint => (foldCase ? mask | ((mask & UPPER) << 32n) : mask) & ORIGIN_CHARS;

  /** One escaped character or class after a backslash, inside or outside a class. */
  function escape(inClass: boolean): bigint {
    const ch = source[i++]!;
    if (ch in CLASS_ESCAPES) return CLASS_ESCAPES[ch]!;
    if (ch in CONTROL_ESCAPES) return bit(CONTROL_ESCAPES[ch]!);
    if (ch === 'x' || ch === 'u') {
      const braced = ch === 'u' && source[i] === '{';
      const digits = braced ? source.slice(i + 1, source.indexOf('}', i)) : source.slice(i, i + (ch === 'x' ? 2 : 4));
      if (/^[0-9a-f]+$/i.test(digits)) {
        i += digits.length + (braced ? 2 : 0);
        return range(parseInt(digits, 16), parseInt(digits, 16));
      }
      return bit(ch.charCodeAt(0));
    }
    if (ch === 'c' || ch === 'p' || ch === 'P') {
      // Control letters and Unicode properties: any character, skipping the name.
      if (ch !== 'c' && source[i] === '{') i = source.indexOf('}', i) + 1;
      else if (ch === 'c' && /[a-z]/i.test(source[i] ?? '')) i++;
      return ALL;
    }
    if (/[1-9]/.test(ch) || (ch === 'k' && source[i] === '<')) {
      if (!inClass) throw new UnsupportedRegExp('a back-reference');
    }
    if (ch === 'b' && inClass) return bit(8);
    return chars(ch);
  }

  function characterClass(): bigint {
    const negated = source[i] === '^';
    if (negated) i++;
    let mask = 0n;
    while (i < source.length && source[i] !== ']') {
      if (source[i] === '[') throw new UnsupportedRegExp('a nested character class');
      const start = i;
      const first = source[i++] === '\\' ? escape(true) : chars(source[start]!);
      const single = source[start] !== '\\' || !/[dDwWsSpP]/.test(source[start + 1]!);
      if (single && source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        i++;
        const to = source[i++] === '\\' ? escape(true) : chars(source[i - 1]!);
        const low = first.toString(2).length - 1;
        const high = to.toString(2).length - 1;
        mask |= to === 0n || first === 0n ? ALL : range(low, high);
      } else {
        mask |= first;
      }
    }
    i++; // ']'
    return negated ? ALL & ~mask : mask;
  }

  /** `{n}`, `{n,}`, `{n,m}` at i, or undefined when the brace is a literal. */
  function braces(): { min: number; max: number } | undefined {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (match === null) return undefined;
    i += match[0].length;
    const min = Number(match[1]);
    return { min, max: match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]) };
  }

  function atom(): RegExpNode {
    const ch = source[i++]!;
    if (ch === '^' || ch === '$') return { type: 'empty' };
    if (ch === '.') return { type: 'set', set: finish(ALL) };
    if (ch === '[') return { type: 'set', set: finish(characterClass()) };
    if (ch === '\\') {
      if (source[i] === 'b' || source[i] === 'B') {
        i++;
        return { type: 'empty' };
      }
      return { type: 'set', set: finish(escape(false)) };
    }
    if (ch === '(') return group();
    return { type: 'set', set: finish(chars(ch)) };
  }

  function group(): RegExpNode {
    const lookaround = /^\?<?[=!]/.exec(source.slice(i));
    if (lookaround !== null) {
      i += lookaround[0].length;
      const inner = alternatives();
      i++; // ')'
      // Zero-width: leaving it out only widens what the rest may match. Repeated inside, it
      // would rescan the input at every position it is tried from.
      if (repeats(inner)) throw new UnsupportedRegExp('a lookaround with a repeated part');
      return { type: 'empty' };
    }
    if (source.startsWith('?:', i)) i += 2;
    else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
    const inner = alternatives();
    i++; // ')'
    return inner;
  }

  function quantified(): RegExpNode {
    const body = atom();
    const ch = source[i];
    let bounds: { min: number; max: number } | undefined;
    if (ch === '*') bounds = { min: 0, max: Infinity };
    else if (ch === '+') bounds = { min: 1, max: Infinity };
    else if (ch === '?') bounds = { min: 0, max: 1 };
    if (bounds !== undefined) i++;
    else if (ch === '{') bounds = braces();
    if (bounds === undefined) return body;
    if (source[i] === '?') i++; // lazy: the same paths, tried in another order
    return { type: 'rep', body, ...bounds };
  }

  function sequence(): RegExpNode {
    const items: RegExpNode[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(quantified());
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  function alternatives(): RegExpNode {
    const items = [sequence()];
    while (source[i] === '|') {
      i++;
      items.push(sequence());
    }
    return items.length === 1 ? items[0]! : { type: 'alt', items };
  }

  return alternatives();
}

/** Whether a node repeats anything more than once. */
function repeats(node: RegExpNode): boolean {
  if (node.type === 'rep') return node.max > 1 || repeats(node.body);
  if (node.type === 'seq' || node.type === 'alt') return node.items.some(repeats);
  return false;
}

const PREFERRED = 'abcdefghijklmnopqrstuvwxyz0123456789-._:/+[]';

/** The shortest text the tree reads, each set stood for by its first preferred character: an example for messages. */
export function sampleText(node: RegExpNode): string {
  switch (node.type) {
    case 'set':
      return [...PREFERRED].find((ch) => (node.set & bit(ch.charCodeAt(0))) !== 0n) ?? '';
    case 'empty':
      return '';
    case 'seq':
      return node.items.map(sampleText).join('');
    case 'alt':
      return sampleText(node.items[0]!);
    case 'rep':
      return sampleText(node.body).repeat(node.min);
  }
}
