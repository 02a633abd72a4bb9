import { describe, expect, it } from 'vitest';
import {
  decideVerification,
  parseCredentialDate,
  type VerificationFacts,
} from '@/server/domain/credentials/verification-policy';
import {
  isIssuerTrusted,
  issuerDomain,
  reevaluateIssuerTrust,
} from '@/server/domain/credentials/issuer-trust';

const now = new Date('2026-01-01T00:00:00Z');

function facts(overrides: Partial<VerificationFacts> = {}): VerificationFacts {
  return {
    structure: { ok: true, reason: 'Well-formed credential.' },
    signature: { state: 'valid', reason: 'Signature valid.' },
    keyBinding: { state: 'confirmed', reason: 'bound' },
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: null,
    revocation: { state: 'none', reason: 'none declared' },
    issuerId: 'did:key:z6MkIssuer',
    ...overrides,
  };
}

const decide = (
  f: Partial<VerificationFacts>,
  trusted: Parameters<typeof decideVerification>[1]['trustedIssuers'] = null,
) => decideVerification(facts(f), { now, trustedIssuers: trusted });

describe('decideVerification', () => {
  it('verifies only when the signature was cryptographically checked and passed', () => {
    expect(decide({}).status).toBe('verified');
    expect(decide({ signature: { state: 'unchecked', reason: 'no proof' } }).status).toBe('unverifiable');
    expect(decide({ signature: { state: 'invalid', reason: 'bad' } }).status).toBe('invalid');
  });

  it('treats a malformed document as invalid even if something verified', () => {
    expect(decide({ structure: { ok: false, reason: 'no issuer' } }).status).toBe('invalid');
  });

  it('lets revocation win over dates and a bad signature win over revocation', () => {
    expect(
      decide({ revocation: { state: 'revoked', reason: 'bit set' }, validUntil: '2020-01-01T00:00:00Z' })
        .status,
    ).toBe('revoked');
    expect(decide({ revocation: { state: 'suspended', reason: 'bit set' } }).status).toBe('revoked');
    expect(
      decide({
        revocation: { state: 'revoked', reason: 'x' },
        signature: { state: 'invalid', reason: 'bad' },
      }).status,
    ).toBe('invalid');
  });

  it('reports expiry and not-yet-valid against the injected clock', () => {
    expect(decide({ validUntil: '2025-12-31T23:59:59Z' }).status).toBe('expired');
    expect(decide({ validUntil: '2026-01-01T00:00:01Z' }).status).toBe('verified');
    expect(decide({ validFrom: '2099-01-01T00:00:00Z' }).status).toBe('not_yet_valid');
  });

  it('reports expiry even when the signature could not be checked', () => {
    expect(
      decide({
        signature: { state: 'unchecked', reason: 'needs network' },
        validUntil: '2020-01-01T00:00:00Z',
      }).status,
    ).toBe('expired');
  });

  it('treats unparseable dates as invalid instead of guessing', () => {
    expect(parseCredentialDate('next tuesday')).toBeNull();
    expect(decide({ validUntil: '31/12/2030' }).status).toBe('invalid');
  });

  it('keeps unknown revocation as its own unknown check, never as not revoked', () => {
    const result = decide({ revocation: { state: 'unknown', reason: 'list unreachable' } });
    expect(result.status).toBe('verified');
    expect(result.revocation).toBe('unknown');
    expect(result.checks.find((c) => c.name === 'revocation')).toEqual({
      name: 'revocation',
      status: 'unknown',
      reason: 'list unreachable',
    });
  });

  it('reports key binding only for a valid signature', () => {
    expect(decide({ keyBinding: { state: 'unconfirmed', reason: 'fragment key' } }).keyBinding).toBe(
      'unconfirmed',
    );
    expect(decide({ signature: { state: 'invalid', reason: 'bad' } }).keyBinding).toBe('none');
  });

  it('records issuer trust without changing the status; skips it without an organization list', () => {
    const trusted = decide({}, [{ kind: 'did', value: 'did:key:z6MkIssuer' }]);
    expect(trusted.issuerTrusted).toBe(true);
    const untrusted = decide({}, []);
    expect(untrusted.issuerTrusted).toBe(false);
    expect(untrusted.status).toBe('verified');
    expect(decide({}).checks.find((c) => c.name === 'issuer_trust')?.status).toBe('skipped');
  });

  it('lists every check with a human-readable reason', () => {
    const names = decide({}).checks.map((c) => c.name);
    expect(names).toEqual([
      'format',
      'signature',
      'key_binding',
      'valid_from',
      'valid_until',
      'revocation',
      'issuer_trust',
    ]);
    for (const check of decide({}).checks) expect(check.reason.length).toBeGreaterThan(3);
  });
});

describe('issuer trust', () => {
  it('matches DIDs ignoring key fragments, issuer ids exactly, and domains with subdomains', () => {
    expect(
      isIssuerTrusted('did:web:badges.example.edu', [
        { kind: 'did', value: 'did:web:badges.example.edu#key-1' },
      ]),
    ).toBe(true);
    expect(
      isIssuerTrusted('https://example.edu/issuers/1', [
        { kind: 'issuer_id', value: 'https://example.edu/issuers/1/' },
      ]),
    ).toBe(true);
    expect(
      isIssuerTrusted('https://example.edu/issuers/2', [
        { kind: 'issuer_id', value: 'https://example.edu/issuers/1' },
      ]),
    ).toBe(false);
    expect(isIssuerTrusted('https://badges.example.edu/i', [{ kind: 'domain', value: 'example.edu' }])).toBe(
      true,
    );
    expect(isIssuerTrusted('https://evil-example.edu/i', [{ kind: 'domain', value: 'example.edu' }])).toBe(
      false,
    );
    expect(isIssuerTrusted('did:web:example.edu:issuers:1', [{ kind: 'domain', value: 'example.edu' }])).toBe(
      true,
    );
    expect(isIssuerTrusted('did:key:z6Mk', [{ kind: 'domain', value: 'example.edu' }])).toBe(false);
    expect(isIssuerTrusted(null, [{ kind: 'domain', value: 'example.edu' }])).toBe(false);
  });

  it('reads the host of did:web with an encoded port', () => {
    expect(issuerDomain('did:web:localhost%3A8443:u:1')).toBe('localhost');
  });

  it('re-evaluates only the trust check when the list changes', () => {
    const before = decide({ signature: { state: 'invalid', reason: 'bad' } }, []);
    const after = reevaluateIssuerTrust(before, 'did:key:z6MkIssuer', [
      { kind: 'did', value: 'did:key:z6MkIssuer' },
    ]);
    expect(after.issuerTrusted).toBe(true);
    expect(after.status).toBe('invalid');
    expect(after.checks.filter((c) => c.name !== 'issuer_trust')).toEqual(
      before.checks.filter((c) => c.name !== 'issuer_trust'),
    );
  });
});
