// Fake secrets, assembled from pieces at run time: no literal secret sits in the repository.
// A small seeded generator (mulberry32) gives the same fakes every run, random enough for
// secretlint's entropy checks.

let state = 0x5eed1234;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function pick(length: number, alphabet = ALNUM): string {
  let out = '';
  while (out.length < length) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}
/** At least one digit, one lower and one upper letter: what a generated key looks like. */
export function mixed(length: number, alphabet = ALNUM): string {
  for (;;) {
    const value = pick(length, alphabet);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

export const fake = {
  github: () => ['gh', 'p_', mixed(36)].join(''),
  awsKeyId: () => ['AK', 'IA', pick(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')].join(''),
  awsSecret: () => mixed(40, `${ALNUM}/+`),
  anthropic: () => ['sk', '-ant-', 'api03-', mixed(93, `${ALNUM}_-`), 'AA'].join(''),
  urlPassword: () => mixed(24),
  privateKey: () => {
    const body = `MII${mixed(700, `${ALNUM}+/`)}`;
    const kind = ['RSA', 'PRIVATE', 'KEY'].join(' ');
    return [`-----BEGIN ${kind}-----`, ...body.match(/.{1,64}/g)!, `-----END ${kind}-----`].join('\n');
  },
};
