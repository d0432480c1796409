// Vary is a list the handler owns too: CORS tokens are added to it, never written over it, and
// never duplicated (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).
import { describe, expect, it } from 'vitest';
import { varyMerger } from '../src/vary.js';

const mergeVaryValue = (current: string | null | undefined, tokens: string) => varyMerger(tokens)(current);

describe('varyMerger', () => {
  it.each([
    { rule: 'absent Vary becomes the tokens', current: undefined, tokens: 'Origin', merged: 'Origin' },
    { rule: 'null (Headers.get) is absent too', current: null, tokens: 'Origin', merged: 'Origin' },
    { rule: 'an empty Vary becomes the tokens', current: '', tokens: 'Origin', merged: 'Origin' },
    { rule: "the handler's own tokens stay first", current: 'Accept-Encoding', tokens: 'Origin', merged: 'Accept-Encoding, Origin' },
    { rule: 'a token already present is not repeated', current: 'Origin', tokens: 'Origin', merged: 'Origin' },
    { rule: 'presence is case-insensitive', current: 'accept, ORIGIN', tokens: 'Origin', merged: 'accept, ORIGIN' },
    { rule: 'OWS around tokens is ignored', current: 'Accept ,\tOrigin ', tokens: 'Origin', merged: 'Accept ,\tOrigin ' },
    { rule: '* already covers everything', current: '*', tokens: 'Origin', merged: '*' },
    { rule: 'a token that only contains the name is another token', current: 'X-Origin', tokens: 'Origin', merged: 'X-Origin, Origin' },
    { rule: 'several lines joined are one list', current: 'Accept, Cookie', tokens: 'Origin, Access-Control-Request-Method', merged: 'Accept, Cookie, Origin, Access-Control-Request-Method' },
    { rule: 'only the missing tokens of several are added', current: 'origin', tokens: 'Origin, Access-Control-Request-Headers', merged: 'origin, Access-Control-Request-Headers' },
  ])('$rule', ({ current, tokens, merged }) => {
    expect(mergeVaryValue(current, tokens)).toBe(merged);
  });

  it('returns the very same string when nothing is missing, so callers can skip the write', () => {
    const current = 'Accept, Origin';
    expect(mergeVaryValue(current, 'Origin')).toBe(current);
  });
});
