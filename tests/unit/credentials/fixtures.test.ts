import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createVerificationRuntime,
  verifyFile,
  type VerificationRuntime,
} from '@/server/adapters/credentials/verify-file';
import type { VerifiedCredential } from '@/server/adapters/credentials/credential-verifier';
import {
  contextsFixturesDir,
  credentialFixturesDir,
  fixtureDocuments,
  hasSharedFixtures,
} from './shared-fixtures';

/** The run date of SOURCES.md's observations; expiry outcomes are relative to it. */
const NOW = new Date('2026-11-22T12:00:00Z');

type Expect = { status: string; keyBinding?: string; revocation?: string; reason?: RegExp };
const V_UNCONF: Expect = { status: 'verified', keyBinding: 'unconfirmed' };
const V_CONF: Expect = { status: 'verified', keyBinding: 'confirmed' };
const UNVERIFIABLE: Expect = { status: 'unverifiable', keyBinding: 'none' };

/**
 * Expected outcome per fixture (one entry per credential found in the file, in order), with the supporting
 * documents (did:web DID docs, status lists, OB2 assets) available as local copies and the network off.
 */
const EXPECTED: Record<string, Expect[]> = {
  'baked/1edtech-ob20-baked.png': [{ ...UNVERIFIABLE, reason: /needs the network/ }],
  'baked/1edtech-ob30-baked-json.png': [{ ...V_UNCONF, reason: /URL fragment/ }],
  'baked/1edtech-ob30-baked-jwt.svg': [{ ...V_UNCONF, reason: /JWT header/ }],
  'baked/mozilla-ob1-baked.svg': [{ ...UNVERIFIABLE, reason: /needs the network/ }],
  'clr/1edtech-clr20-complex.json': Array.from({ length: 7 }, () => V_UNCONF),
  'clr/1edtech-clr20-simple.json': [V_UNCONF, V_UNCONF],
  'clr/1edtech-clr20-unsigned.json': [
    { ...UNVERIFIABLE, reason: /not signed/ },
    { status: 'invalid', reason: /safe mode/i },
  ],
  'edc/mynextid-edc-degree-jades.json': [{ ...UNVERIFIABLE, reason: /JAdES/ }],
  'ob2/1edtech-ob20-basic-assertion.json': [{ ...UNVERIFIABLE, reason: /needs the network/ }],
  'ob2/1edtech-ob20-expired.json': [{ status: 'expired', reason: /expired on 2022-11-15/ }],
  'ob2/1edtech-ob20-signed.jws': [{ ...V_CONF, revocation: 'none' }],
  'ob2/1edtech-ob20-with-endorsements.json': [UNVERIFIABLE],
  'ob3/1edtech-ob30-complete.json': [
    { ...V_UNCONF, revocation: 'unknown', reason: /1EdTech revocation list/ },
  ],
  'ob3/1edtech-ob30-did-key.json': [{ ...V_UNCONF, reason: /not the issuer/ }],
  'ob3/1edtech-ob30-endorsement.json': [V_UNCONF],
  'ob3/1edtech-ob30-expired.json': [{ status: 'expired', reason: /expired on 2010-01-01/ }],
  'ob3/1edtech-ob30-legacy-eddsa-2022.json': [{ ...V_UNCONF, reason: /eddsa-2022/ }],
  'ob3/1edtech-ob30-multiple-proofs.json': [{ ...V_UNCONF, reason: /unsupported proof suite/ }],
  'ob3/1edtech-ob30-simple.json': [V_UNCONF],
  'ob3/1edtech-ob30-unsigned.json': [{ ...UNVERIFIABLE, reason: /not signed/ }],
  // the status list is signed by another did:key than the credential's issuer: a clear bit cannot confirm
  'ob3/dcc-v1-ed25519-status-not-revoked.json': [
    { ...V_CONF, revocation: 'unknown', reason: /not by the credential's issuer/ },
  ],
  'ob3/dcc-v1-ed25519-string-issuer.json': [V_CONF],
  'ob3/dcc-v1-eddsa-rdfc-obspec-example.json': [V_CONF],
  'ob3/dcc-v2-ed25519-didkey-valid.json': [{ ...V_CONF, revocation: 'none' }],
  'ob3/dcc-v2-ed25519-didweb.json': [{ ...V_CONF, reason: /listed in the issuer DID document/ }],
  'ob3/dcc-v2-ed25519-expired.json': [{ status: 'expired', keyBinding: 'confirmed' }],
  'ob3/dcc-v2-ed25519-lcw-experience.json': [V_CONF],
  'ob3/dcc-v2-ed25519-revoked.json': [
    { status: 'revoked', keyBinding: 'confirmed', revocation: 'revoked', reason: /index 8/ },
  ],
  'ob3/dcc-v2-eddsa-rdfc-alignments.json': [V_CONF],
  'ob3/dcc-v2-eddsa-rdfc-complex-issuer.json': [V_CONF],
  'ob3/dcc-v2-eddsa-rdfc-didkey-basic.json': [V_CONF],
  'ob3/dcc-v2-eddsa-rdfc-minimal.json': [V_CONF],
  'ob3/dcc-v2-endorsement-credential.json': [V_CONF],
  'ob3/dcc-v2-status-list-missing-type.json': [
    { ...V_CONF, revocation: 'unknown', reason: /BitstringStatusListCredential/ },
  ],
  'ob3/dcc-v2-status-list-not-yet-valid.json': [
    { ...V_CONF, revocation: 'unknown', reason: /not valid before 3000/ },
  ],
  'ob3/dcc-v2-two-proofs-valid.json': [
    {
      ...V_CONF,
      reason: /eddsa-rdfc-2022: ok; Ed25519Signature2020: ok|Ed25519Signature2020: ok; DataIntegrityProof/,
    },
  ],
  'vc-jwt/1edtech-clr20-simple.jwt': [V_UNCONF, V_UNCONF],
  'vc-jwt/1edtech-ob30-simple.jwt': [{ ...UNVERIFIABLE, reason: /issuer profile/ }],
  'vc-jwt/mynextid-ob3-microcredential.jwt': [{ status: 'invalid', reason: /only a JOSE header/ }],
  'vc/w3c-ed25519signature2020-signed.json': [
    { ...UNVERIFIABLE, reason: /credentials\/examples\/v2 is not bundled/ },
  ],
  'vc/w3c-eddsa-jcs-2022-signed.json': [{ ...V_UNCONF, reason: /not the issuer/ }],
  'vc/w3c-eddsa-rdfc-2022-employment.json': [
    { ...UNVERIFIABLE, reason: /citizenship\/v4rc1 is not bundled/ },
  ],
  'vc/w3c-eddsa-rdfc-2022-signed.json': [{ ...UNVERIFIABLE, reason: /examples\/v2 is not bundled/ }],
  'wallets/w3c-vp-enveloped-vc.json': [{ ...UNVERIFIABLE, reason: /issuer profile/ }],
  'wallets/w3c-vp-multiple-vcs-unsigned.json': [UNVERIFIABLE, UNVERIFIABLE],
};

const reasons = (r: VerifiedCredential) =>
  r.verification.checks.map((c) => `${c.name}: ${c.reason}`).join('\n');

describe.skipIf(!hasSharedFixtures)('real sample credentials from ../shared/fixtures/credentials', () => {
  let runtime: VerificationRuntime;
  beforeAll(() => {
    runtime = createVerificationRuntime({ contextsDir: contextsFixturesDir, documents: fixtureDocuments() });
    expect(runtime.contextProblems).toEqual([]);
  });

  it('has an expectation for every credential fixture listed in SOURCES.md', () => {
    const sources = fs.readFileSync(path.join(credentialFixturesDir, 'SOURCES.md'), 'utf8');
    const listed = [...sources.matchAll(/^\| ((?:baked|clr|edc|ob2|ob3|vc|vc-jwt|wallets)\/[^ |]+) \|/gm)]
      .map((m) => m[1]!)
      .filter((f) => !f.startsWith('ob2/assets-'));
    expect(listed.length).toBeGreaterThan(40);
    expect(listed.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} → ${expected.map((e) => e.status).join(', ')}`, async () => {
      const bytes = fs.readFileSync(path.join(credentialFixturesDir, file));
      const results = await verifyFile(path.basename(file), bytes, runtime, { now: NOW });
      expect(
        results.map((r) => r.verification.status),
        reasons(results[0]!),
      ).toEqual(expected.map((e) => e.status));
      results.forEach((result, i) => {
        const want = expected[i]!;
        if (want.keyBinding) expect(result.verification.keyBinding, reasons(result)).toBe(want.keyBinding);
        if (want.revocation) expect(result.verification.revocation, reasons(result)).toBe(want.revocation);
        if (want.reason) expect(reasons(result)).toMatch(want.reason);
        if (result.verification.status === 'verified') {
          expect(result.verification.checks.find((c) => c.name === 'signature')?.status).toBe('pass');
        }
      });
    });
  }

  it('without local copies of remote documents, did:web is unverifiable and revocation is unknown, never "not revoked"', async () => {
    const offline = createVerificationRuntime({ contextsDir: contextsFixturesDir });
    const read = (f: string) => fs.readFileSync(path.join(credentialFixturesDir, f));
    const [didweb] = await verifyFile('didweb.json', read('ob3/dcc-v2-ed25519-didweb.json'), offline, {
      now: NOW,
    });
    expect(didweb!.verification.status).toBe('unverifiable');
    expect(reasons(didweb!)).toMatch(/needs the network|outbound fetching is off/);
    const [revoked] = await verifyFile('revoked.json', read('ob3/dcc-v2-ed25519-revoked.json'), offline, {
      now: NOW,
    });
    expect(revoked!.verification.revocation).toBe('unknown');
    expect(revoked!.verification.checks.find((c) => c.name === 'revocation')?.status).toBe('unknown');
    const [signed] = await verifyFile('signed.jws', read('ob2/1edtech-ob20-signed.jws'), offline, {
      now: NOW,
    });
    expect(signed!.verification.status).toBe('unverifiable');
  });

  it('reads skill-mapping data from the alignments sample', async () => {
    const [result] = await verifyFile(
      'a.json',
      fs.readFileSync(path.join(credentialFixturesDir, 'ob3/dcc-v2-eddsa-rdfc-alignments.json')),
      runtime,
      { now: NOW },
    );
    expect(result!.normalized!.achievement.alignments.length).toBeGreaterThan(0);
    expect(result!.normalized!.issuer.id).toMatch(/^did:key:/);
  });

  it('verifies a zip built from the real fixtures (no public wallet-export archive exists, so the test zips them)', async () => {
    const { zipSync } = await import('fflate');
    const files = [
      'ob3/dcc-v2-eddsa-rdfc-minimal.json',
      'baked/1edtech-ob30-baked-json.png',
      'vc-jwt/1edtech-clr20-simple.jwt',
      'ob3/1edtech-ob30-unsigned.json',
    ];
    const zip = zipSync(
      Object.fromEntries(
        files.map((f) => [f, new Uint8Array(fs.readFileSync(path.join(credentialFixturesDir, f)))]),
      ),
    );
    const results = await verifyFile('wallet.zip', zip, runtime, { now: NOW });
    expect(results.map((r) => r.verification.status)).toEqual([
      'verified',
      'verified',
      'verified',
      'verified',
      'unverifiable',
    ]);
    expect(results[2]!.source).toBe('wallet.zip > vc-jwt/1edtech-clr20-simple.jwt');
  });
});
