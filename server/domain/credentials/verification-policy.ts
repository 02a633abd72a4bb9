import { issuerTrustCheck } from './issuer-trust';
import type {
  Check,
  CredentialVerification,
  KeyBinding,
  RevocationState,
  TrustedIssuerEntry,
  VerificationStatus,
} from './model';

/**
 * What the adapters found out about one credential, before any decision is taken.
 * - structure: did the document parse into a well-formed credential of its format?
 * - signature: 'valid' only when a cryptographic check ran and passed; 'invalid' when it ran and failed
 *   (tampered, wrong key, malformed proof); 'unchecked' when it could not run (unsigned, unsupported
 *   suite, key or document only reachable over the network while it is off).
 * - keyBinding: only meaningful when the signature is valid.
 * - dates: the raw strings as the credential states them (VC 2.0 validFrom/validUntil, VC 1.1
 *   issuanceDate/expirationDate, OB2 issuedOn/expires, JWT nbf/exp converted to ISO).
 */
export interface VerificationFacts {
  structure: { ok: boolean; reason: string };
  signature: { state: 'valid' | 'invalid' | 'unchecked'; reason: string };
  keyBinding: { state: 'confirmed' | 'unconfirmed'; reason: string } | null;
  validFrom: string | null;
  validUntil: string | null;
  revocation: { state: RevocationState; reason: string };
  issuerId: string | null;
  subject?: Check;
  extraChecks?: Check[];
}

export interface PolicyContext {
  /** Injected clock: the sample credentials use dates in 2010–2011 and 2099–3000. */
  now: Date;
  /** The organization's trusted issuers; null when there is no organization context (e.g. the CLI). */
  trustedIssuers: readonly TrustedIssuerEntry[] | null;
}

const STRICT_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO-8601 date or date-time; returns null for anything else (never guesses). */
export function parseCredentialDate(value: string): Date | null {
  if (!STRICT_DATE.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

function dateChecks(
  facts: VerificationFacts,
  now: Date,
): { checks: Check[]; expired: boolean; early: boolean; bad: boolean } {
  const checks: Check[] = [];
  let expired = false;
  let early = false;
  let bad = false;
  if (facts.validFrom) {
    const from = parseCredentialDate(facts.validFrom);
    if (!from) {
      bad = true;
      checks.push({
        name: 'valid_from',
        status: 'fail',
        reason: `The start date "${facts.validFrom}" is not a valid date.`,
      });
    } else if (from.getTime() > now.getTime()) {
      early = true;
      checks.push({
        name: 'valid_from',
        status: 'fail',
        reason: `The credential is not valid before ${from.toISOString()}.`,
      });
    } else {
      checks.push({ name: 'valid_from', status: 'pass', reason: `Valid since ${from.toISOString()}.` });
    }
  } else {
    checks.push({
      name: 'valid_from',
      status: 'skipped',
      reason: 'The credential states no start or issuance date.',
    });
  }
  if (facts.validUntil) {
    const until = parseCredentialDate(facts.validUntil);
    if (!until) {
      bad = true;
      checks.push({
        name: 'valid_until',
        status: 'fail',
        reason: `The expiry date "${facts.validUntil}" is not a valid date.`,
      });
    } else if (until.getTime() < now.getTime()) {
      expired = true;
      checks.push({
        name: 'valid_until',
        status: 'fail',
        reason: `The credential expired on ${until.toISOString()}.`,
      });
    } else {
      checks.push({ name: 'valid_until', status: 'pass', reason: `Valid until ${until.toISOString()}.` });
    }
  } else {
    checks.push({ name: 'valid_until', status: 'pass', reason: 'The credential does not expire.' });
  }
  return { checks, expired, early, bad };
}

function revocationCheck(revocation: VerificationFacts['revocation']): Check {
  switch (revocation.state) {
    case 'ok':
      return { name: 'revocation', status: 'pass', reason: revocation.reason };
    case 'revoked':
    case 'suspended':
      return { name: 'revocation', status: 'fail', reason: revocation.reason };
    case 'unknown':
      return { name: 'revocation', status: 'unknown', reason: revocation.reason };
    case 'none':
      return { name: 'revocation', status: 'skipped', reason: revocation.reason };
  }
}

/**
 * Decides the overall status of one credential from its individual checks. Precedence, strongest first:
 * a malformed document or failed signature is `invalid`; a revoked/suspended status is `revoked`; then
 * `expired` and `not_yet_valid` (reported even when the signature could not be checked, because the
 * credential's own dates already rule it out); a signature that could not be checked is `unverifiable`;
 * only a signature that was cryptographically checked and passed can give `verified`.
 * An unknown revocation state does not block `verified`: it is reported as its own 'unknown' check and in
 * `revocation`, so the UI and ranking can weigh it, and it is never shown as "not revoked".
 */
export function decideVerification(facts: VerificationFacts, context: PolicyContext): CredentialVerification {
  const checks: Check[] = [];
  checks.push({
    name: 'format',
    status: facts.structure.ok ? 'pass' : 'fail',
    reason: facts.structure.reason,
  });
  checks.push({
    name: 'signature',
    status:
      facts.signature.state === 'valid' ? 'pass' : facts.signature.state === 'invalid' ? 'fail' : 'unknown',
    reason: facts.signature.reason,
  });
  let keyBinding: KeyBinding = 'none';
  if (facts.signature.state === 'valid' && facts.keyBinding) {
    keyBinding = facts.keyBinding.state;
    checks.push({
      name: 'key_binding',
      status: keyBinding === 'confirmed' ? 'pass' : 'warn',
      reason: facts.keyBinding.reason,
    });
  } else {
    checks.push({
      name: 'key_binding',
      status: 'skipped',
      reason: 'No valid signature, so there is no signing key to bind to the issuer.',
    });
  }
  const dates = dateChecks(facts, context.now);
  checks.push(...dates.checks);
  checks.push(revocationCheck(facts.revocation));
  if (facts.subject) checks.push(facts.subject);
  if (facts.extraChecks) checks.push(...facts.extraChecks);
  const trust: Check =
    context.trustedIssuers === null
      ? { name: 'issuer_trust', status: 'skipped', reason: 'No organization trusted-issuer list was given.' }
      : issuerTrustCheck(facts.issuerId, context.trustedIssuers);
  checks.push(trust);

  let status: VerificationStatus;
  if (!facts.structure.ok || facts.signature.state === 'invalid' || dates.bad) status = 'invalid';
  else if (facts.revocation.state === 'revoked' || facts.revocation.state === 'suspended') status = 'revoked';
  else if (dates.expired) status = 'expired';
  else if (dates.early) status = 'not_yet_valid';
  else if (facts.signature.state !== 'valid') status = 'unverifiable';
  else status = 'verified';

  return {
    status,
    keyBinding,
    revocation: facts.revocation.state,
    issuerTrusted: trust.status === 'pass',
    checks,
  };
}

/** A verification for input that could not be read as a credential at all (per-file errors). */
export function rejectedVerification(reason: string): CredentialVerification {
  return {
    status: 'invalid',
    keyBinding: 'none',
    revocation: 'none',
    issuerTrusted: false,
    checks: [{ name: 'format', status: 'fail', reason }],
  };
}
