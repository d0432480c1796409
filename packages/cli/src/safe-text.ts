// Text from the network, made safe to print on a terminal. A server chooses its header values,
// status text and redirect locations; printed raw, an ESC starts a control sequence (clearing
// the screen, or writing the clipboard through OSC 52), a CR rewrites the line with a fake
// verdict, a right-to-left override reorders what follows. Every such character is written as
// a visible escape instead, so what is shown is what was sent.

/**
 * The characters a terminal must not receive raw: the controls (Cc: C0 with TAB, LF, CR, ESC and
 * BEL, then DEL and C1, whose U+009B and U+009D are 8-bit CSI and OSC), the format characters
 * (Cf: the bidi controls U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069, the zero-width
 * characters, U+FEFF, the tags), the line and paragraph separators, lone surrogates, and the
 * invisible fillers that render as nothing (U+034F, U+115F, U+1160, U+3164, U+FFA0).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** The same without LF and TAB, for text that may span lines. */
const UNSAFE_IN_LINES = /[\0-\x08\v-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** What JSON.stringify leaves raw in its strings: it escapes only C0, `"`, `\` and lone surrogates. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\u034f\u115f\u1160\u3164\uffa0]/gu;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** `\n`, `\x1b`, `\u202e`, `\u{e0041}`: the character as a JavaScript escape. */
function escape(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0)!;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  return code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 0)}}`;
}

/** `\u` escapes as JSON writes them: astral characters as their two surrogates. */
function jsonEscape(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${hex(char.charCodeAt(i), 4)}`;
  return out;
}

/**
 * `text` as one line that is safe to print: every control character (CR and LF included) and
 * every invisible format character is replaced by its escape (`\r`, `\x1b`, `\u202e`).
 * Printable text, backslashes included, is left as it is.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Like {@link safeText}, but keeps line feeds and tabs, and reads CR LF as a line feed. */
export function safeLines(text: string): string {
  return text.replaceAll('\r\n', '\n').replace(UNSAFE_IN_LINES, escape);
}

/**
 * `JSON.stringify(value, null, space)` with DEL, C1, format characters and line separators
 * escaped too (`\u009b`, `\u202e`): the same document for a JSON reader, and nothing a terminal
 * would act on when a person reads it.
 */
export function safeJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space);
  if (json === undefined) throw new TypeError('safeJson: the value has no JSON form (undefined or a function)');
  return json.replace(UNSAFE_IN_JSON, jsonEscape);
}
