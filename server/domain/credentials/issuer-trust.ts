import type { Check, CredentialVerification, TrustedIssuerEntry } from './model';

/** Host name an issuer identifier speaks for: the URL host, or the did:web host; null for other DIDs. */
export function issuerDomain(issuerId: string): string | null {
  if (issuerId.startsWith('did:web:')) {
    const host = issuerId.slice('did:web:'.length).split(/[:#?/]/)[0] ?? '';
    return decodeURIComponent(host).replace(/:\d+$/, '').toLowerCase() || null;
  }
  if (/^https?:\/\//i.test(issuerId)) {
    try {
      return new URL(issuerId).hostname.toLowerCase();
    } catch {
      return null;
    }
  }
  return null;
}

function stripDidFragment(value: string): string {
  return value.split('#')[0]!.split('?')[0]!;
}

function sameIssuerId(a: string, b: string): boolean {
  const norm = (v: string) => v.trim().replace(/\/+$/, '');
  return norm(a) === norm(b);
}

/**
 * Whether an organization's trusted-issuer list covers this issuer. A DID entry matches the issuer DID
 * (ignoring any key fragment); an issuer-id entry matches the issuer identifier exactly (trailing slashes
 * ignored); a domain entry matches the issuer's host or any subdomain of it, for https URLs and did:web.
 * Trust is about who issued the credential; it never upgrades a failed or unchecked signature.
 */
export function isIssuerTrusted(issuerId: string | null, entries: readonly TrustedIssuerEntry[]): boolean {
  if (!issuerId) return false;
  const domain = issuerDomain(issuerId);
  return entries.some((entry) => {
    const value = entry.value.trim();
    if (!value) return false;
    switch (entry.kind) {
      case 'did':
        return issuerId.startsWith('did:') && stripDidFragment(issuerId) === stripDidFragment(value);
      case 'issuer_id':
        return sameIssuerId(issuerId, value);
      case 'domain': {
        if (!domain) return false;
        const wanted = value.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
        return domain === wanted || domain.endsWith(`.${wanted}`);
      }
      default:
        return false;
    }
  });
}

/** The issuer_trust check for an issuer against a list (used at verification time and when the list changes). */
export function issuerTrustCheck(issuerId: string | null, entries: readonly TrustedIssuerEntry[]): Check {
  if (!issuerId) {
    return { name: 'issuer_trust', status: 'warn', reason: 'The credential names no issuer identifier.' };
  }
  return isIssuerTrusted(issuerId, entries)
    ? {
        name: 'issuer_trust',
        status: 'pass',
        reason: `Issuer ${issuerId} is on your organization's trusted list.`,
      }
    : {
        name: 'issuer_trust',
        status: 'warn',
        reason: `Issuer ${issuerId} is not on your organization's trusted list.`,
      };
}

/**
 * Re-evaluates only the trust check of a stored verification after a trusted-issuer list changed:
 * signatures, dates and revocation are deliberately left as they were.
 */
export function reevaluateIssuerTrust(
  verification: CredentialVerification,
  issuerId: string | null,
  entries: readonly TrustedIssuerEntry[],
): CredentialVerification {
  const check = issuerTrustCheck(issuerId, entries);
  const checks = verification.checks.some((c) => c.name === 'issuer_trust')
    ? verification.checks.map((c) => (c.name === 'issuer_trust' ? check : c))
    : [...verification.checks, check];
  return { ...verification, checks, issuerTrusted: check.status === 'pass' };
}
