// Text from the network never reaches a terminal raw: every control and invisible format
// character becomes a visible escape; printable text is left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeJson, safeLines, safeText } from '../src/safe-text.js';

describe('safeText escapes what a terminal would act on', () => {
  it.each([
    { rule: 'ESC (control sequences: clear screen, colours)', input: 'a\u001b[2Jb', shown: 'a\\x1b[2Jb' },
    { rule: 'OSC 52 clipboard write ends with BEL', input: '\u001b]52;c;ZXZpbA==\u0007', shown: '\\x1b]52;c;ZXZpbA==\\x07' },
    { rule: 'CR rewrites the line (a fake verdict)', input: 'blocked\r✔ allowed', shown: 'blocked\\r✔ allowed' },
    { rule: 'LF starts a fake line', input: 'x\n✔ allowed', shown: 'x\\n✔ allowed' },
    { rule: 'TAB, NUL, backspace and the other C0 controls', input: '\t\u0000\b\u001f', shown: '\\t\\x00\\x08\\x1f' },
    { rule: 'DEL', input: 'a\u007f', shown: 'a\\x7f' },
    { rule: 'C1 controls (U+009B is 8-bit CSI, U+009D 8-bit OSC)', input: '\u0080\u009b2J\u009d\u009f', shown: '\\x80\\x9b2J\\x9d\\x9f' },
    { rule: 'NEL (U+0085) is a C1 line break', input: 'a\u0085b', shown: 'a\\x85b' },
    { rule: 'right-to-left override and isolate', input: 'https://\u202eelpmaxe.live\u2066x\u2069', shown: 'https://\\u202eelpmaxe.live\\u2066x\\u2069' },
    { rule: 'left-to-right and right-to-left marks, Arabic letter mark', input: '\u200e\u200f\u061c', shown: '\\u200e\\u200f\\u061c' },
    { rule: 'zero-width space, joiners, word joiner, BOM', input: 'a\u200bb\u200c\u200d\u2060\ufeff', shown: 'a\\u200bb\\u200c\\u200d\\u2060\\ufeff' },
    { rule: 'line and paragraph separators', input: 'a\u2028b\u2029c', shown: 'a\\u2028b\\u2029c' },
    { rule: 'soft hyphen (a format character)', input: 'pay\u00adpal', shown: 'pay\\xadpal' },
    { rule: 'invisible fillers', input: '\u034f\u115f\u1160\u3164\uffa0', shown: '\\u034f\\u115f\\u1160\\u3164\\uffa0' },
    { rule: 'tag characters (astral format characters)', input: 'a\u{e0041}\u{e007f}', shown: 'a\\u{e0041}\\u{e007f}' },
    { rule: 'a lone surrogate', input: 'a\ud800b', shown: 'a\\ud800b' },
  ])('$rule', ({ input, shown }) => {
    expect(safeText(input)).toBe(shown);
  });

  it.each([
    { text: 'Access-Control-Allow-Origin: https://app.example' },
    { text: 'Portcullis-Refusal: origin https://evil.example is not allowed' },
    { text: 'café, naïve, 日本語, emoji 🙂, non-breaking\u00a0space' },
    { text: 'a backslash \\x1b stays as it is' },
  ])('leaves printable text alone: $text', ({ text }) => {
    expect(safeText(text)).toBe(text);
  });

  it('never lets a control or format character through, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(safeText(text)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
      }),
    );
  });
});

describe('safeLines keeps line breaks and tabs', () => {
  it.each([
    { rule: 'LF and TAB stay', input: 'a\n\tb', shown: 'a\n\tb' },
    { rule: 'CR LF reads as LF', input: 'a\r\nb', shown: 'a\nb' },
    { rule: 'a CR alone is escaped', input: 'a\rb', shown: 'a\\rb' },
    { rule: 'ESC, C1 and bidi controls are escaped', input: '\u001b[2J\u009b\u202e', shown: '\\x1b[2J\\x9b\\u202e' },
  ])('$rule', ({ input, shown }) => {
    expect(safeLines(input)).toBe(shown);
  });
});

describe('safeJson is the same document with nothing a terminal acts on', () => {
  const hostile = { value: 'a\u001b[2J\r\n\u0007\u007f\u009b\u202e\u2028\u{e0041}\ud800', list: ['\u0085'] };

  it('parses back to the same value', () => {
    expect(JSON.parse(safeJson(hostile, 2))).toEqual(hostile);
  });

  it('escapes DEL, C1, format characters and separators that JSON.stringify leaves raw', () => {
    const text = safeJson(hostile, 2);
    expect(text).toContain('\\u007f\\u009b\\u202e\\u2028\\udb40\\udc41\\ud800');
    expect(text).not.toMatch(/[\0-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
  });

  it('keeps its indentation', () => {
    expect(safeJson({ a: 1 }, 2)).toBe('{\n  "a": 1\n}');
  });

  it('round-trips any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(safeJson(value))).toEqual(value);
      }),
    );
  });
});
