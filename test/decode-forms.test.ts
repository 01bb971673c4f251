// The encoded forms the secret scan decodes before it scans (src/secrets/decode-forms.ts).
import { describe, expect, it } from 'vitest';
import { decodedForms } from '../src/secrets/decode-forms.ts';

describe('decodedForms', () => {
  it('decodes percent-encoding, character references and markdown backslash escapes', () => {
    expect(decodedForms('t=%67hp_x')).toEqual(['t=ghp_x']);
    expect(decodedForms('&#x67;hp &#103;hp &#103hp gh&lowbar;p')).toEqual(['ghp ghp ghp gh_p']);
    expect(decodedForms('gh\\_p')).toEqual(['gh_p']);
    expect(decodedForms('%E2%82%AC')).toEqual(['\u20ac']);
  });

  it('decodes a double encoding, within a bounded number of rounds', () => {
    expect(decodedForms('%2567hp')).toEqual(['ghp']);
    expect(decodedForms('&#x25;67hp')).toEqual(['ghp']);
    // Four layers: three rounds decode three of them, and no more.
    expect(decodedForms('%25252567')).toEqual(['%67']);
  });

  it('reads "+" as a space as a second form, beside the text decoded without it', () => {
    // A key's header, built from pieces: no literal secret shape sits in the repository.
    const header = ['-----BEGIN', 'RSA', 'PRIVATE', 'KEY-----'];
    expect(decodedForms(header.join('+'))).toEqual([header.join(' ')]);
    expect(decodedForms('a+b%2Bc')).toEqual(['a+b+c', 'a b+c']);
  });

  it('leaves what does not decode: a lone %, an unknown or inherited name, an invalid code point', () => {
    for (const text of ['100%', 'a & b', '&constructor;', '&toString;', '&#0;', '&#xD800;', '%zz', 'C:\\path']) expect(decodedForms(text), text).toEqual([]);
  });

  it('never lengthens a text, so the scan of decoded forms stays linear', () => {
    const text = `${'&#x1F600;'.repeat(1000)}${'%F0%9F%98%80'.repeat(1000)}${'&amp;'.repeat(1000)}`;
    for (const form of decodedForms(text)) expect(form.length).toBeLessThanOrEqual(text.length);
  });
});
