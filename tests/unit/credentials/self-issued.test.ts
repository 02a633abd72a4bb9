import { beforeAll, describe, expect, it } from 'vitest';
import {
  createVerificationRuntime,
  verifyFile,
  type VerificationRuntime,
} from '@/server/adapters/credentials/verify-file';
import type { VerifiedCredential } from '@/server/adapters/credentials/credential-verifier';
import {
  createTestIssuer,
  OB3,
  STATUS_LIST_2021_CONTEXT,
  tamper,
  tamperJws,
  unsignedJwt,
  VC2,
  type TestIssuer,
} from '@/tests/helpers/credential-builders';

const NOW = new Date('2026-06-01T00:00:00Z');
const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

let issuer: TestIssuer;
let runtime: VerificationRuntime;

beforeAll(async () => {
  issuer = await createTestIssuer(11);
  await issuer.publishStatusList([3]);
  runtime = createVerificationRuntime({ documents: issuer.documents });
});

async function verifyOne(value: unknown, now = NOW): Promise<VerifiedCredential> {
  const results = await verifyFile('test', enc(value), runtime, { now });
  expect(results).toHaveLength(1);
  return results[0]!;
}

const reasonOf = (r: VerifiedCredential, name: string) =>
  r.verification.checks.find((c) => c.name === name)?.reason ?? '';

type Mechanism = {
  name: string;
  sign: (cred: Record<string, unknown>) => Promise<unknown>;
  tamper: (signed: unknown) => unknown;
  format: string;
  keyBinding: 'confirmed' | 'unconfirmed';
};

const mechanisms: Mechanism[] = [
  {
    name: 'Data Integrity eddsa-rdfc-2022',
    sign: (c) => issuer.signDataIntegrity(c),
    tamper: (s) => tamper(s as Record<string, unknown>),
    format: 'vc-ldp',
    keyBinding: 'confirmed',
  },
  {
    name: 'Ed25519Signature2020',
    sign: (c) => issuer.signEd25519Signature2020(c),
    tamper: (s) => tamper(s as Record<string, unknown>),
    format: 'vc-ldp',
    keyBinding: 'confirmed',
  },
  ...(['EdDSA', 'ES256', 'RS256'] as const).flatMap((alg) => [
    {
      name: `VC-JWT 1.1 ${alg}`,
      sign: (c: Record<string, unknown>) => issuer.signVcJwt(c, alg),
      tamper: (s: unknown) =>
        tamperJws(s as string, (p) => ({ ...p, vc: { ...(p.vc as object), name: 'Tampered' } })),
      format: 'vc-jwt',
      keyBinding: alg === 'EdDSA' ? ('confirmed' as const) : ('unconfirmed' as const),
    },
    {
      name: `VC-JOSE 2.0 ${alg}`,
      sign: (c: Record<string, unknown>) => issuer.signVcJwt(c, alg, { style: 'jose' }),
      tamper: (s: unknown) => tamperJws(s as string, (p) => ({ ...p, name: 'Tampered' })),
      format: 'vc-jose',
      keyBinding: alg === 'EdDSA' ? ('confirmed' as const) : ('unconfirmed' as const),
    },
  ]),
];

describe.each(mechanisms)('$name', (m) => {
  it('verifies a valid credential and binds the key as expected', async () => {
    const r = await verifyOne(await m.sign(issuer.credential()));
    expect(r.format).toBe(m.format);
    expect(r.verification.status).toBe('verified');
    expect(r.verification.keyBinding).toBe(m.keyBinding);
    expect(r.normalized?.achievement.name).toBe('TypeScript Practitioner');
    expect(r.normalized?.achievement.alignments[0]?.targetName).toBe('TypeScript');
  });

  it('rejects a tampered credential as invalid', async () => {
    const r = await verifyOne(m.tamper(await m.sign(issuer.credential())));
    expect(r.verification.status).toBe('invalid');
    expect(reasonOf(r, 'signature')).toMatch(/does not match/);
    expect(r.verification.keyBinding).toBe('none');
  });

  it('reports an expired credential as expired', async () => {
    const r = await verifyOne(await m.sign(issuer.credential({ validUntil: '2025-01-01T00:00:00Z' })));
    expect(r.verification.status).toBe('expired');
    expect(reasonOf(r, 'valid_until')).toMatch(/expired on 2025-01-01/);
  });

  it('reports a credential whose status bit is set as revoked, and a clear bit as ok', async () => {
    const revoked = await verifyOne(await m.sign(issuer.credential({ statusIndex: 3 })));
    expect(revoked.verification.status).toBe('revoked');
    expect(revoked.verification.revocation).toBe('revoked');
    const fine = await verifyOne(await m.sign(issuer.credential({ statusIndex: 4 })));
    expect(fine.verification.status).toBe('verified');
    expect(fine.verification.revocation).toBe('ok');
  });

  it('reports a credential that starts in the future as not yet valid', async () => {
    const r = await verifyOne(await m.sign(issuer.credential({ validFrom: '2099-01-01T00:00:00Z' })));
    expect(r.verification.status).toBe('not_yet_valid');
  });
});

describe('Open Badges 2.0 signed JWS', () => {
  it('verifies, binds the key through the issuer profile, and reads the badge class', async () => {
    const r = await verifyOne(await issuer.ob2SignedAssertion());
    expect(r.format).toBe('ob2-signed');
    expect(r.verification.status).toBe('verified');
    expect(r.verification.keyBinding).toBe('confirmed');
    expect(r.verification.revocation).toBe('ok');
    expect(r.normalized?.achievement.name).toBe('Robotics');
  });

  it('rejects a tampered assertion', async () => {
    const r = await verifyOne(
      tamperJws(await issuer.ob2SignedAssertion(), (p) => ({ ...p, issuedOn: '2020-01-01T00:00:00Z' })),
    );
    expect(r.verification.status).toBe('invalid');
  });

  it('reports expiry and revocation', async () => {
    expect(
      (await verifyOne(await issuer.ob2SignedAssertion({ expires: '2025-01-01T00:00:00Z' }))).verification
        .status,
    ).toBe('expired');
    expect((await verifyOne(await issuer.ob2SignedAssertion({ revoked: true }))).verification.status).toBe(
      'revoked',
    );
  });
});

describe('JWT edge cases', () => {
  it('refuses alg none', async () => {
    const r = await verifyOne(unsignedJwt({ vc: issuer.credential() }));
    expect(r.verification.status).toBe('invalid');
    expect(reasonOf(r, 'signature')).toMatch(/alg "none"/);
  });

  it('fails when the header key is not the signing key', async () => {
    const jwt = await issuer.signVcJwt(issuer.credential(), 'ES256');
    const other = await createTestIssuer(12);
    const foreign = await other.signVcJwt(issuer.credential(), 'ES256');
    const mixed = `${foreign.split('.')[0]}.${jwt.split('.')[1]}.${jwt.split('.')[2]}`;
    const r = await verifyOne(mixed);
    expect(r.verification.status).toBe('invalid');
  });

  it('rejects a VC-JWT whose iss disagrees with the credential issuer', async () => {
    const r = await verifyOne(
      await issuer.signVcJwt(issuer.credential(), 'EdDSA', {
        tamperClaims: { iss: 'did:example:someone-else' },
      }),
    );
    expect(r.verification.status).toBe('invalid');
    expect(reasonOf(r, 'format')).toMatch(/"iss"/);
  });

  it('uses JWT exp over the credential when stricter', async () => {
    const r = await verifyOne(
      await issuer.signVcJwt(issuer.credential(), 'EdDSA', { tamperClaims: { exp: 1_700_000_000 } }),
    );
    expect(r.verification.status).toBe('expired');
  });
});

describe('key binding', () => {
  it('is unconfirmed when a did:key signs for a different issuer', async () => {
    const r = await verifyOne(
      await issuer.signDataIntegrity(issuer.credential({ issuer: 'https://university.example/issuer' })),
    );
    expect(r.verification.status).toBe('verified');
    expect(r.verification.keyBinding).toBe('unconfirmed');
    expect(reasonOf(r, 'key_binding')).toMatch(/not the issuer/);
  });
});

describe('issuer trust', () => {
  it('records whether the issuer is on the organization list, without changing the status', async () => {
    const signed = await issuer.signDataIntegrity(issuer.credential());
    const [trusted] = await verifyFile('t', enc(signed), runtime, {
      now: NOW,
      trustedIssuers: [{ kind: 'did', value: issuer.did }],
    });
    const [untrusted] = await verifyFile('t', enc(signed), runtime, {
      now: NOW,
      trustedIssuers: [{ kind: 'domain', value: 'other.example' }],
    });
    expect(trusted!.verification.issuerTrusted).toBe(true);
    expect(untrusted!.verification.issuerTrusted).toBe(false);
    expect(untrusted!.verification.status).toBe('verified');
  });
});

describe('subject identity', () => {
  it('matches the OB2 recipient email of the uploader', async () => {
    const jws = await issuer.ob2SignedAssertion();
    const [mine] = await verifyFile('b', enc(jws), runtime, {
      now: NOW,
      subjectIdentities: { emails: ['Candidate@example.org'] },
    });
    const [theirs] = await verifyFile('b', enc(jws), runtime, {
      now: NOW,
      subjectIdentities: { emails: ['other@example.org'] },
    });
    expect(mine!.verification.checks.find((c) => c.name === 'subject')?.status).toBe('pass');
    expect(theirs!.verification.checks.find((c) => c.name === 'subject')?.status).toBe('warn');
  });
});

describe('StatusList2021', () => {
  it('decodes a StatusList2021 list when the operator supplies its context (no npm package ships it)', async () => {
    // a minimal stand-in for the status-list 2021 context, written for this test and served from the
    // operator contexts folder, exactly as an operator would add the real file
    const ctx = {
      '@context': {
        '@protected': true,
        StatusList2021Credential: 'https://w3id.org/vc/status-list#StatusList2021Credential',
        StatusList2021: {
          '@id': 'https://w3id.org/vc/status-list#StatusList2021',
          '@context': {
            '@protected': true,
            id: '@id',
            type: '@type',
            encodedList: 'https://w3id.org/vc/status-list#encodedList',
            statusPurpose: 'https://w3id.org/vc/status-list#statusPurpose',
          },
        },
        StatusList2021Entry: {
          '@id': 'https://w3id.org/vc/status-list#StatusList2021Entry',
          '@context': {
            '@protected': true,
            id: '@id',
            type: '@type',
            statusPurpose: 'https://w3id.org/vc/status-list#statusPurpose',
            statusListIndex: 'https://w3id.org/vc/status-list#statusListIndex',
            statusListCredential: {
              '@id': 'https://w3id.org/vc/status-list#statusListCredential',
              '@type': '@id',
            },
          },
        },
      },
    };
    const { createHash } = await import('node:crypto');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl2021-'));
    const text = JSON.stringify(ctx);
    fs.writeFileSync(path.join(dir, 'sl2021.json'), text);
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        contexts: [
          {
            url: STATUS_LIST_2021_CONTEXT,
            file: 'sl2021.json',
            sha256: createHash('sha256').update(text).digest('hex'),
          },
        ],
      }),
    );
    const contexts = new Map([[STATUS_LIST_2021_CONTEXT, ctx]]);
    const sl = await createTestIssuer(13, { contexts });
    const url = await sl.publishStatusList2021([2]);
    const rt = createVerificationRuntime({ contextsDir: dir, documents: sl.documents });
    const entry = (index: number) => ({
      '@context': [VC2, OB3, STATUS_LIST_2021_CONTEXT],
      credentialStatus: {
        id: `${url}#${index}`,
        type: 'StatusList2021Entry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: url,
      },
    });
    const revoked = await sl.signDataIntegrity(sl.credential({ extra: entry(2) }));
    const fine = await sl.signDataIntegrity(sl.credential({ extra: entry(3) }));
    const [r1] = await verifyFile('r', enc(revoked), rt, { now: NOW });
    const [r2] = await verifyFile('f', enc(fine), rt, { now: NOW });
    expect(r1!.verification.status, JSON.stringify(r1!.verification.checks)).toBe('revoked');
    expect(r2!.verification.revocation, JSON.stringify(r2!.verification.checks)).toBe('ok');
  });
});
