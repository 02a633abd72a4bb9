import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/server/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger(stream, 'debug'), text: () => lines.join('') };
}

const jwt =
  'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTppc3N1ZXIiLCJ2YyI6eyJ0eXBlIjpbIlZDIl19fQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const rawCredential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { id: 'did:example:ada', achievement: { name: 'SECRET-ACHIEVEMENT-NAME' } },
  proof: { type: 'DataIntegrityProof', proofValue: 'z5SECRETPROOFVALUE' },
};

describe('logger redaction', () => {
  it('censors secret-named fields at any depth', () => {
    const { log, text } = capture();
    log.info(
      {
        request: {
          headers: { authorization: 'Bearer abc.def.ghi', cookie: 'next-auth.session-token=SESSIONSECRET' },
        },
        account: { access_token: 'ACCESSSECRET', refresh_token: 'REFRESHSECRET', id_token: jwt },
        deep: { a: { b: { c: { password: 'hunter2', sessionToken: 'SESSION2', apiKey: 'KEYSECRET' } } } },
      },
      'signed in',
    );
    const out = text();
    for (const secret of [
      'abc.def.ghi',
      'SESSIONSECRET',
      'ACCESSSECRET',
      'REFRESHSECRET',
      jwt,
      'hunter2',
      'SESSION2',
      'KEYSECRET',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('signed in');
  });

  it('never writes a raw credential, whatever the key it is logged under', () => {
    const { log, text } = capture();
    log.info({ upload: { file: 'badge.json', credential: rawCredential } }, 'uploaded');
    log.info(
      { parsed: { raw: JSON.stringify(rawCredential), bytes: Buffer.from('PNGSECRETBYTES') } },
      'parsed',
    );
    log.info({ vc: rawCredential, jws: jwt }, 'verified');
    const out = text();
    expect(out).not.toContain('SECRET-ACHIEVEMENT-NAME');
    expect(out).not.toContain('z5SECRETPROOFVALUE');
    expect(out).not.toContain('PNGSECRETBYTES');
    expect(out).not.toContain(jwt);
  });

  it('masks sign-in link tokens, bearer tokens, JWTs and URL passwords inside strings and messages', () => {
    const { log, text } = capture();
    const link =
      'http://localhost:3000/api/auth/callback/email?callbackUrl=%2F&token=4f1c0ffee&email=ada%40example.com';
    log.info({ url: link }, 'mail delivered');
    log.warn(`could not deliver ${link}`);
    log.info({ note: `Authorization: Bearer ${'x'.repeat(20)} and ${jwt}` }, 'header seen');
    log.info({ redis: 'redis://user:REDISPASSWORD@cache:6379' }, 'connected');
    const out = text();
    expect(out).not.toContain('4f1c0ffee');
    expect(out).not.toContain('x'.repeat(20));
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('REDISPASSWORD');
    expect(out).toContain('email=ada%40example.com');
  });

  it('scrubs error messages, stacks and causes but keeps them useful', () => {
    const { log, text } = capture();
    const error = new Error(`fetch failed for https://issuer.example/status?token=TOKENINERROR`, {
      cause: Object.assign(new Error('inner'), { token: 'CAUSETOKEN' }),
    });
    log.error({ err: error }, 'procedure failed');
    const out = text();
    expect(out).not.toContain('TOKENINERROR');
    expect(out).not.toContain('CAUSETOKEN');
    expect(out).toContain('fetch failed for https://issuer.example/status?token=[redacted]');
    expect(out).toContain('"stack"');
  });

  it('keeps ordinary fields as they are', () => {
    const { log, text } = capture();
    log.info({ candidateId: 'c-1', credentialId: 'cred-1', count: 3, path: 'search.candidates' }, 'ok');
    const line = JSON.parse(text());
    expect(line).toMatchObject({
      candidateId: 'c-1',
      credentialId: 'cred-1',
      count: 3,
      path: 'search.candidates',
      msg: 'ok',
    });
  });
});
