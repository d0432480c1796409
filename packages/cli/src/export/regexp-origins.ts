// RegExp origins, carried over to the web servers when they mean the same there. The core has
// already checked each one (anchored on every alternative, a scheme, escaped dots); what is left
// is the syntax: PCRE and RE2 read a small subset of JavaScript's RegExp alike, and anything
// outside it (look-arounds, back-references, named groups, Unicode escapes, flags other than
// `i`) is refused rather than guessed. A RegExp only ever sees well-formed origins, in the core
// and in the exported configuration alike (ORIGIN_SHAPE is checked first).

/** Escapes whose meaning is the same in JavaScript, PCRE and RE2: `\d`, `\w`, escaped punctuation. */
const SAME_ESCAPES = new Set(['d', 'w', ...'./-:[](){}*+?|^$\\']);
/** Characters that would change meaning in a server's configuration quoting: refused, never rewritten. */
const UNQUOTABLE = new Set(['"', "'", '`', '#', ' ', '\t', '\n', '\r']);

/** Why `re` cannot be carried over, or undefined when it can. */
export function untranslatable(re: RegExp): string | undefined {
  const flags = re.flags.replace(/[id]/g, '');
  if (flags !== '') return `its flag '${flags[0]}' has no equivalent in every web server`;
  const source = re.source;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (UNQUOTABLE.has(char)) return `it contains ${JSON.stringify(char)}, which a web server's configuration cannot quote alike`;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (!SAME_ESCAPES.has(next)) return `'\\${next}' does not mean the same in PCRE and RE2`;
      i++;
      continue;
    }
    if (inClass) {
      if (char === '[') return "an unescaped '[' inside a class reads as a POSIX class in RE2";
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(' && source[i + 1] === '?' && source[i + 2] !== ':') return 'it has a look-around or a named group, which RE2 (Caddy) does not support';
    else if (char === '{' && !/^\{\d+(,\d*)?\}/.test(source.slice(i))) return "it has a '{' that is not a repetition";
  }
  return undefined;
}

/** The expression as the servers read it: the same source, with `(?i)` for the `i` flag. */
export function translateRegExp(re: RegExp): string {
  return re.ignoreCase ? `(?i)${re.source}` : re.source;
}
