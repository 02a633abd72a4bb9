/**
 * The credential vocabulary shared by parsers, verifiers, storage and skill mapping.
 * Pure types and constants only: nothing here performs I/O.
 */

/** Overall outcome of verifying one credential (see `decideVerificationStatus`). */
export type VerificationStatus =
  'verified' | 'invalid' | 'expired' | 'not_yet_valid' | 'revoked' | 'unverifiable';

export const VERIFICATION_STATUSES: readonly VerificationStatus[] = [
  'verified',
  'invalid',
  'expired',
  'not_yet_valid',
  'revoked',
  'unverifiable',
];

/**
 * Whether the signing key is proven to belong to the issuer.
 * - confirmed: did:key equal to the issuer, or the issuer's DID document / OB2 profile lists the key;
 * - unconfirmed: the key was taken from a URL fragment or a JWT header (integrity only);
 * - none: no valid signature, so there is no key to bind.
 */
export type KeyBinding = 'confirmed' | 'unconfirmed' | 'none';

/** Three revocation states, never two; 'none' means the credential declares no status mechanism. */
export type RevocationState = 'ok' | 'revoked' | 'suspended' | 'unknown' | 'none';

/**
 * How the credential is encoded and secured.
 * - ob2-hosted / ob2-signed: Open Badges 2.0 assertion (hosted JSON, or compact JWS);
 * - vc-ldp: W3C VC (1.1 or 2.0, incl. OB3 and CLR 2.0) as JSON-LD with embedded proofs (or none);
 * - vc-jwt: VC-JWT 1.1 (credential in the `vc` claim); vc-jose: VC-JOSE 2.0 (the payload is the credential);
 * - edc-jades: Europass EDC signed with JAdES (parsed, not verifiable here);
 * - ob1-assertion: a legacy OB 1.x assertion reference.
 */
export type CredentialFormat =
  'ob2-hosted' | 'ob2-signed' | 'ob1-assertion' | 'vc-ldp' | 'vc-jwt' | 'vc-jose' | 'edc-jades';

/** Result of one individual check; `reason` is written for a human. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown' | 'skipped';

export type CheckName =
  | 'format'
  | 'signature'
  | 'key_binding'
  | 'valid_from'
  | 'valid_until'
  | 'revocation'
  | 'issuer_trust'
  | 'subject'
  | 'presentation';

export interface Check {
  name: CheckName;
  status: CheckStatus;
  reason: string;
}

/** The achievement data that skill mapping reads (agreed contract with the taxonomy engineer). */
export interface AchievementData {
  name: string;
  description?: string;
  criteriaNarrative?: string;
  achievementType?: string;
  tags: string[];
  alignments: {
    targetName?: string;
    targetUrl?: string;
    targetFramework?: string;
    targetCode?: string;
    targetDescription?: string;
  }[];
  resultDescriptions: { name?: string; description?: string; resultType?: string }[];
}

export interface IssuerData {
  id: string | null;
  name: string | null;
  url: string | null;
}

/** The normalized record kept next to the verbatim bytes. */
export interface NormalizedCredential {
  credentialId: string | null;
  types: string[];
  issuer: IssuerData;
  achievement: AchievementData;
  subjectId: string | null;
  /** Recipient identity as the credential states it (e.g. OB2 hashed email), for identity matching. */
  recipient: { type: string | null; identity: string | null; hashed: boolean; salt: string | null } | null;
  issuedAt: string | null;
  validFrom: string | null;
  validUntil: string | null;
  evidence: { id?: string; name?: string; description?: string; narrative?: string }[];
}

/** Trusted issuer entry as configured by an organization admin. */
export interface TrustedIssuerEntry {
  kind: 'did' | 'issuer_id' | 'domain';
  value: string;
}

/** Outcome for one credential, in the order the verifier found them. */
export interface CredentialVerification {
  status: VerificationStatus;
  keyBinding: KeyBinding;
  revocation: RevocationState;
  issuerTrusted: boolean;
  checks: Check[];
}
