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
  return new Parser(source, flags.includes('i')).alternatives();
}

class Parser {
  i = 0;

  constructor(
    private readonly source: string,
    private readonly foldCase: boolean,
  ) {}

  /** The set as matched: uppercase folded to lowercase under `i`, then only origin characters. */
  private finish(mask: bigint): bigint {
    return (this.foldCase ? mask | ((mask & UPPER) << 32n) : mask) & ORIGIN_CHARS;
  }

  /** One escaped character or class after a backslash, inside or outside a class. */
  private escape(inClass: boolean): bigint {
    const { source } = this;
    const ch = source[this.i++]!;
    if (ch in CLASS_ESCAPES) return CLASS_ESCAPES[ch]!;
    if (ch in CONTROL_ESCAPES) return bit(CONTROL_ESCAPES[ch]!);
    if (ch === 'x' || ch === 'u') {
      const braced = ch === 'u' && source[this.i] === '{';
      const digits = braced ? source.slice(this.i + 1, source.indexOf('}', this.i)) : source.slice(this.i, this.i + (ch === 'x' ? 2 : 4));
      if (!/^[0-9a-f]+$/i.test(digits)) return bit(ch.charCodeAt(0));
      this.i += digits.length + (braced ? 2 : 0);
      return range(parseInt(digits, 16), parseInt(digits, 16));
    }
    if (ch === 'c' || ch === 'p' || ch === 'P') {
      // Control letters and Unicode properties: any character, skipping the name.
      if (ch !== 'c' && source[this.i] === '{') this.i = source.indexOf('}', this.i) + 1;
      else if (ch === 'c' && /[a-z]/i.test(source[this.i] ?? '')) this.i++;
      return ALL;
    }
    if (!inClass && (/[1-9]/.test(ch) || (ch === 'k' && source[this.i] === '<'))) throw new UnsupportedRegExp('a back-reference');
    return ch === 'b' && inClass ? bit(8) : chars(ch);
  }

  /** One character of a class, escaped or not. */
  private classCharacter(): bigint {
    return this.source[this.i++] === '\\' ? this.escape(true) : chars(this.source[this.i - 1]!);
  }

  private characterClass(): bigint {
    const { source } = this;
    const negated = source[this.i] === '^';
    if (negated) this.i++;
    let mask = 0n;
    while (this.i < source.length && source[this.i] !== ']') {
      if (source[this.i] === '[') throw new UnsupportedRegExp('a nested character class');
      const start = this.i;
      const first = this.classCharacter();
      const single = source[start] !== '\\' || !/[dDwWsSpP]/.test(source[start + 1]!);
      if (single && source[this.i] === '-' && source[this.i + 1] !== ']' && this.i + 1 < source.length) {
        this.i++;
        const to = this.classCharacter();
        // A range reaching beyond ASCII: every character, which only widens the set.
        mask |= to === 0n || first === 0n ? ALL : range(first.toString(2).length - 1, to.toString(2).length - 1);
      } else {
        mask |= first;
      }
    }
    this.i++; // ']'
    return negated ? ALL & ~mask : mask;
  }

  /** `{n}`, `{n,}`, `{n,m}` at i, or undefined when the brace is a literal. */
  private braces(): { min: number; max: number } | undefined {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
    if (match === null) return undefined;
    this.i += match[0].length;
    const min = Number(match[1]);
    return { min, max: match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]) };
  }

  private atom(): RegExpNode {
    const ch = this.source[this.i++]!;
    if (ch === '^' || ch === '$') return { type: 'empty' };
    if (ch === '.') return { type: 'set', set: this.finish(ALL) };
    if (ch === '[') return { type: 'set', set: this.finish(this.characterClass()) };
    if (ch === '(') return this.group();
    if (ch !== '\\') return { type: 'set', set: this.finish(chars(ch)) };
    if (this.source[this.i] !== 'b' && this.source[this.i] !== 'B') return { type: 'set', set: this.finish(this.escape(false)) };
    this.i++;
    return { type: 'empty' };
  }

  private group(): RegExpNode {
    const { source } = this;
    const lookaround = /^\?<?[=!]/.exec(source.slice(this.i));
    if (lookaround !== null) {
      this.i += lookaround[0].length;
      const inner = this.alternatives();
      this.i++; // ')'
      // Zero-width: leaving it out only widens what the rest may match. Repeated inside, it
      // would rescan the input at every position it is tried from.
      if (repeats(inner)) throw new UnsupportedRegExp('a lookaround with a repeated part');
      return { type: 'empty' };
    }
    if (source.startsWith('?:', this.i)) this.i += 2;
    else if (source.startsWith('?<', this.i)) this.i = source.indexOf('>', this.i) + 1;
    const inner = this.alternatives();
    this.i++; // ')'
    return inner;
  }

  private quantified(): RegExpNode {
    const body = this.atom();
    const ch = this.source[this.i];
    let bounds: { min: number; max: number } | undefined;
    if (ch === '*') bounds = { min: 0, max: Infinity };
    else if (ch === '+') bounds = { min: 1, max: Infinity };
    else if (ch === '?') bounds = { min: 0, max: 1 };
    if (bounds !== undefined) this.i++;
    else if (ch === '{') bounds = this.braces();
    if (bounds === undefined) return body;
    if (this.source[this.i] === '?') this.i++; // lazy: the same paths, tried in another order
    return { type: 'rep', body, ...bounds };
  }

  private sequence(): RegExpNode {
    const items: RegExpNode[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') items.push(this.quantified());
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  alternatives(): RegExpNode {
    const items = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { type: 'alt', items };
  }
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
