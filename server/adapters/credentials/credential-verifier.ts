import { createHash } from 'node:crypto';
import {
  decideVerification,
  rejectedVerification,
  type VerificationFacts,
} from '@/server/domain/credentials/verification-policy';
import { normalizeOb2Assertion, normalizeVerifiableCredential } from '@/server/domain/credentials/normalize';
import type {
  Check,
  CredentialFormat,
  CredentialVerification,
  NormalizedCredential,
  TrustedIssuerEntry,
} from '@/server/domain/credentials/model';
import type { CredentialDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import type { ExtractedCredential, ExtractionProblem } from './extract-credentials';
import { verifyLinkedDataProofs, type ProofsOutcome } from './ld-proof.verifier';
import { verifyVcJws, decodeJws, type JwsOutcome } from './jwt.verifier';
import { verifyOb2 } from './ob2.verifier';
import { checkCredentialStatus } from './status.checker';

type Json = Record<string, unknown>;

export interface VerifyContext {
  loader: CredentialDocumentLoader;
  now: Date;
  /** The organization's trusted issuers; null when there is no organization context (CLI, candidate view). */
  trustedIssuers: readonly TrustedIssuerEntry[] | null;
  /** The uploader's identities, to check the credential was issued to them (optional). */
  subjectIdentities?: { emails?: string[]; dids?: string[] };
  /** Per-credential time budget (canonicalization can blow up on hostile input). */
  timeoutMs?: number;
}

/** Everything known about one credential after verification: what the CLI prints and ingest stores. */
export interface VerifiedCredential {
  index: number;
  source: string;
  parentIndex: number | null;
  format: CredentialFormat | null;
  /** sha256 (hex) of `raw`: the idempotency key for storage. */
  contentHash: string | null;
  raw: Uint8Array | null;
  mediaType: 'application/json' | 'application/jwt' | 'text/uri-list' | null;
  /** The credential as JSON (for a JWT: its credential payload). */
  document: Json | null;
  normalized: NormalizedCredential | null;
  verification: CredentialVerification;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return null;
}

function typesOf(value: Json): string[] {
  return asArray(value.type).filter((t): t is string => typeof t === 'string');
}

const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

/** Structural validation of a W3C VC (1.1 or 2.0), with a reason a user understands. */
export function vcStructureProblem(vc: Json): string | null {
  const ctx = asArray(vc['@context']);
  if (ctx.length === 0) return 'The credential has no @context.';
  if (ctx[0] !== VC_V1 && ctx[0] !== VC_V2)
    return `The first @context must be the VC 1.1 or 2.0 context, found ${JSON.stringify(ctx[0]).slice(0, 100)}.`;
  if (!ctx.every((c) => typeof c === 'string' || isObject(c)))
    return '@context entries must be URLs or objects.';
  if (!typesOf(vc).includes('VerifiableCredential'))
    return 'The credential type must include "VerifiableCredential".';
  const issuer = vc.issuer;
  if (!(typeof issuer === 'string' || (isObject(issuer) && typeof issuer.id === 'string')))
    return 'The issuer must be a URL/DID string or an object with an id.';
  const subjects = asArray(vc.credentialSubject);
  if (subjects.length === 0 || !subjects.every(isObject))
    return 'credentialSubject must be an object (or a list of objects).';
  for (const key of ['validFrom', 'validUntil', 'issuanceDate', 'expirationDate'] as const) {
    if (vc[key] !== undefined && typeof vc[key] !== 'string') return `${key} must be a date string.`;
  }
  if (ctx[0] === VC_V1 && typeof vc.issuanceDate !== 'string')
    return 'A VC 1.1 credential must have an issuanceDate.';
  return null;
}

function vcDates(vc: Json): { validFrom: string | null; validUntil: string | null } {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    validFrom: str(vc.validFrom) ?? str(vc.issuanceDate),
    validUntil: str(vc.validUntil) ?? str(vc.expirationDate),
  };
}

const epochToIso = (value: unknown): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : null;

/**
 * Proof results are a pure function of the credential bytes and of the documents the loader serves
 * (contexts, keys): cache them per loader, keyed by content hash.
 */
const proofCaches = new WeakMap<
  CredentialDocumentLoader,
  Map<string, { expires: number; outcome: ProofsOutcome | JwsOutcome }>
>();
const PROOF_CACHE_TTL_MS = 10 * 60_000;
const PROOF_CACHE_MAX = 20_000;

async function cachedProof<T extends ProofsOutcome | JwsOutcome>(
  loader: CredentialDocumentLoader,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  let proofCache = proofCaches.get(loader);
  if (!proofCache) {
    proofCache = new Map();
    proofCaches.set(loader, proofCache);
  }
  const hit = proofCache.get(key);
  if (hit && hit.expires > Date.now()) return hit.outcome as T;
  const outcome = await compute();
  if (outcome.state !== 'unchecked') {
    if (proofCache.size >= PROOF_CACHE_MAX) proofCache.delete(proofCache.keys().next().value as string);
    proofCache.set(key, { expires: Date.now() + PROOF_CACHE_TTL_MS, outcome });
  }
  return outcome;
}

/** Test and bench hook: forget cached proof results of a loader. */
export function clearProofCache(loader: CredentialDocumentLoader): void {
  proofCaches.get(loader)?.clear();
}

function subjectCheck(
  ctx: VerifyContext,
  normalized: NormalizedCredential | null,
  vc: Json | null,
): Check | undefined {
  const ids = ctx.subjectIdentities;
  if (!ids || (!ids.emails?.length && !ids.dids?.length)) return undefined;
  const emails = (ids.emails ?? []).map((e) => e.trim().toLowerCase());
  const matchesHashed = (identity: string, salt: string | null) => {
    const [alg, hash] = identity.includes('$') ? identity.split('$', 2) : ['', identity];
    if (alg && alg.toLowerCase() !== 'sha256') return false;
    return emails.some(
      (e) =>
        createHash('sha256')
          .update(e + (salt ?? ''))
          .digest('hex') === hash!.toLowerCase(),
    );
  };
  const r = normalized?.recipient;
  if (r?.identity) {
    const ok = r.hashed
      ? matchesHashed(r.identity, r.salt)
      : emails.includes(r.identity.toLowerCase().replace(/^mailto:/, ''));
    return {
      name: 'subject',
      status: ok ? 'pass' : 'warn',
      reason: ok
        ? 'Issued to your email address.'
        : 'The recipient identity does not match your account email.',
    };
  }
  if (normalized?.subjectId && ids.dids?.includes(normalized.subjectId))
    return { name: 'subject', status: 'pass', reason: `Issued to ${normalized.subjectId}.` };
  const subject = vc ? (asArray(vc.credentialSubject)[0] as Json | undefined) : undefined;
  for (const ident of asArray(subject?.identifier)) {
    if (!isObject(ident) || typeof ident.identityHash !== 'string') continue;
    const type = String(ident.identityType ?? '');
    if (!/email/i.test(type)) continue;
    const ok = ident.hashed
      ? matchesHashed(ident.identityHash, typeof ident.salt === 'string' ? ident.salt : null)
      : emails.includes(ident.identityHash.toLowerCase());
    if (ok) return { name: 'subject', status: 'pass', reason: 'Issued to your email address.' };
  }
  return {
    name: 'subject',
    status: 'warn',
    reason: 'The credential does not name you as its subject (no matching email or DID).',
  };
}

async function verifyVcDocument(
  vc: Json,
  contentHash: string,
  ctx: VerifyContext,
  jws: string | null,
  jwtClaims: Json | null,
  format: CredentialFormat,
): Promise<
  Omit<VerifiedCredential, 'index' | 'source' | 'parentIndex' | 'raw' | 'contentHash' | 'mediaType'>
> {
  const structureProblem = vcStructureProblem(vc);
  const issuerId = idOf(vc.issuer);
  const normalized = structureProblem ? null : normalizeVerifiableCredential(vc);
  let { validFrom, validUntil } = vcDates(vc);
  const extraChecks: Check[] = [];
  let claimProblem: string | null = null;
  if (jwtClaims) {
    const nbf = epochToIso(jwtClaims.nbf);
    const exp = epochToIso(jwtClaims.exp);
    if (format === 'vc-jwt') {
      const subjectId = idOf(asArray(vc.credentialSubject)[0]);
      if (typeof jwtClaims.iss === 'string' && issuerId && jwtClaims.iss !== issuerId)
        claimProblem = `The JWT "iss" (${jwtClaims.iss}) does not match the credential issuer (${issuerId}).`;
      else if (typeof jwtClaims.sub === 'string' && subjectId && jwtClaims.sub !== subjectId)
        claimProblem = `The JWT "sub" does not match credentialSubject.id.`;
      else if (typeof jwtClaims.jti === 'string' && typeof vc.id === 'string' && jwtClaims.jti !== vc.id)
        claimProblem = `The JWT "jti" does not match the credential id.`;
    }
    validFrom = nbf ?? validFrom;
    validUntil = exp ?? validUntil;
  }
  const structureOk = !structureProblem && !claimProblem;
  let signature: VerificationFacts['signature'];
  let keyBinding: VerificationFacts['keyBinding'] = null;
  if (!structureOk) {
    signature = { state: 'unchecked', reason: 'Not checked: the credential is malformed.' };
  } else if (jws) {
    const outcome = await cachedProof(ctx.loader, `jws|${contentHash}`, () =>
      verifyVcJws(jws, issuerId, ctx.loader),
    );
    signature = { state: outcome.state, reason: outcome.reason };
    keyBinding = outcome.keyBinding;
    if (Array.isArray(vc.proof) || isObject(vc.proof))
      extraChecks.push({
        name: 'format',
        status: 'warn',
        reason: 'The JWT payload also carries an embedded proof; only the JWS signature was checked.',
      });
  } else {
    const outcome = await cachedProof(ctx.loader, `ldp|${contentHash}`, () =>
      verifyLinkedDataProofs(vc, issuerId, ctx.loader),
    );
    signature = { state: outcome.state, reason: outcome.reason };
    keyBinding = outcome.keyBinding;
    if (outcome.legacy)
      extraChecks.push({
        name: 'format',
        status: 'warn',
        reason: 'Legacy cryptosuite name "eddsa-2022" (pre-standard); verified as eddsa-rdfc-2022.',
      });
  }
  const types = typesOf(vc);
  if (
    (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) &&
    !asArray(vc.credentialSubject).some((s) => isObject(s) && isObject(s.achievement))
  ) {
    extraChecks.push({
      name: 'format',
      status: 'warn',
      reason:
        'This Open Badges 3.0 credential names no achievement (credentialSubject.achievement), so it carries no skills to map.',
    });
  }
  if (asArray(vc['@context'])[0] === VC_V1)
    extraChecks.push({
      name: 'format',
      status: 'pass',
      reason: 'VC Data Model 1.1 (issuanceDate/expirationDate read as validity dates).',
    });
  const revocation =
    structureOk && signature.state !== 'invalid'
      ? await checkCredentialStatus(vc, issuerId, ctx.loader, ctx.now)
      : { state: 'none' as const, reason: 'Not checked.' };
  const typeLabel =
    typesOf(vc)
      .filter((t) => t !== 'VerifiableCredential')
      .join(', ') || 'VerifiableCredential';
  const facts: VerificationFacts = {
    structure: {
      ok: structureOk,
      reason:
        structureProblem ??
        claimProblem ??
        `${typeLabel} (${format === 'vc-ldp' ? 'JSON-LD' : format === 'vc-jwt' ? 'VC-JWT 1.1' : 'VC-JOSE 2.0'}).`,
    },
    signature,
    keyBinding,
    validFrom,
    validUntil,
    revocation,
    issuerId,
    subject: subjectCheck(ctx, normalized, vc),
    extraChecks,
  };
  return {
    format,
    document: vc,
    normalized,
    verification: decideVerification(facts, { now: ctx.now, trustedIssuers: ctx.trustedIssuers }),
  };
}

async function verifyOb2Document(assertion: Json, jws: string | null, ctx: VerifyContext) {
  const outcome = await verifyOb2({ assertion, jws }, ctx.loader);
  const normalized = outcome.structure.ok
    ? normalizeOb2Assertion(assertion, outcome.badge, outcome.issuer)
    : null;
  const facts: VerificationFacts = {
    structure: outcome.structure,
    signature: outcome.signature,
    keyBinding: outcome.keyBinding,
    validFrom: typeof assertion.issuedOn === 'string' ? assertion.issuedOn : null,
    validUntil: typeof assertion.expires === 'string' ? assertion.expires : null,
    revocation: outcome.revocation,
    issuerId: normalized?.issuer.id ?? null,
    subject: subjectCheck(ctx, normalized, null),
  };
  return {
    format: (jws ? 'ob2-signed' : 'ob2-hosted') as CredentialFormat,
    document: assertion,
    normalized,
    verification: decideVerification(facts, { now: ctx.now, trustedIssuers: ctx.trustedIssuers }),
  };
}

function isOb2(json: Json): boolean {
  const ctx = asArray(json['@context']);
  return (
    typesOf(json).includes('Assertion') ||
    ctx.some(
      (c) => typeof c === 'string' && /openbadges\/v2|openbadgespec\.org\/v2|w3id\.org\/openbadges/.test(c),
    ) ||
    ('badge' in json && 'recipient' in json)
  );
}

async function verifyItem(
  item: ExtractedCredential,
  contentHash: string,
  ctx: VerifyContext,
): Promise<
  Omit<VerifiedCredential, 'index' | 'source' | 'parentIndex' | 'raw' | 'contentHash' | 'mediaType'>
> {
  if (item.kind === 'url') {
    const url = item.value as string;
    const facts: VerificationFacts = {
      structure: { ok: true, reason: 'A hosted badge assertion URL (Open Badges 1.x/2.0).' },
      signature: {
        state: 'unchecked',
        reason: `Hosted badges are verified by fetching ${url} from the issuer, which needs the network${ctx.loader.networkEnabled ? ' (fetching the assertion by URL alone is not supported; upload the assertion JSON)' : ' (outbound fetching is off)'}.`,
      },
      keyBinding: null,
      validFrom: null,
      validUntil: null,
      revocation: { state: 'unknown', reason: 'Revocation status unknown: the assertion was not fetched.' },
      issuerId: null,
    };
    return {
      format: 'ob1-assertion',
      document: null,
      normalized: null,
      verification: decideVerification(facts, { now: ctx.now, trustedIssuers: ctx.trustedIssuers }),
    };
  }
  if (item.kind === 'jwt') {
    const jws = item.value as string;
    const decoded = decodeJws(jws);
    if ('error' in decoded)
      return {
        format: null,
        document: null,
        normalized: null,
        verification: rejectedVerification(decoded.error),
      };
    const { payload } = decoded;
    if (isObject(payload.vc)) {
      const vc = { ...payload.vc } as Json;
      if (vc.issuer === undefined && typeof payload.iss === 'string') vc.issuer = payload.iss;
      if (vc.id === undefined && typeof payload.jti === 'string') vc.id = payload.jti;
      return verifyVcDocument(vc, contentHash, ctx, jws, payload, 'vc-jwt');
    }
    if (typesOf(payload).includes('VerifiableCredential'))
      return verifyVcDocument(payload, contentHash, ctx, jws, payload, 'vc-jose');
    if (isOb2(payload)) return verifyOb2Document(payload, jws, ctx);
    if (typesOf(payload).includes('VerifiablePresentation')) {
      return {
        format: null,
        document: payload,
        normalized: null,
        verification: rejectedVerification(
          'This JWT is a presentation, not a credential; upload its credentials.',
        ),
      };
    }
    return {
      format: null,
      document: payload,
      normalized: null,
      verification: rejectedVerification(
        'This JWT does not carry a verifiable credential or an Open Badges assertion.',
      ),
    };
  }
  const json = item.value as Json;
  if (typeof json.payload === 'string' && Array.isArray(json.signatures)) {
    let payload: Json | null = null;
    try {
      const parsed = JSON.parse(json.payload) as unknown;
      payload = isObject(parsed) ? parsed : null;
    } catch {
      payload = null;
    }
    const facts: VerificationFacts = {
      structure: {
        ok: payload !== null,
        reason: payload
          ? 'Europass EDC credential (JAdES JWS JSON serialization).'
          : 'The JWS JSON payload is not a JSON object.',
      },
      signature: {
        state: 'unchecked',
        reason:
          'JAdES signatures need eIDAS trust-list validation of an x5c chain, which this verifier does not support: parsed, not verified.',
      },
      keyBinding: null,
      validFrom: payload ? vcDates(payload).validFrom : null,
      validUntil: payload ? vcDates(payload).validUntil : null,
      revocation: {
        state: 'unknown',
        reason: 'Revocation status unknown: not checked for JAdES credentials.',
      },
      issuerId: payload ? idOf(payload.issuer) : null,
    };
    return {
      format: 'edc-jades',
      document: payload,
      normalized: payload ? normalizeVerifiableCredential(payload) : null,
      verification: decideVerification(facts, { now: ctx.now, trustedIssuers: ctx.trustedIssuers }),
    };
  }
  if (isOb2(json) && !typesOf(json).includes('VerifiableCredential'))
    return verifyOb2Document(json, null, ctx);
  return verifyVcDocument(json, contentHash, ctx, null, null, 'vc-ldp');
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(onTimeout()), ms);
    }),
  ]);
}

/**
 * Verifies one extracted credential end to end (structure, proof or JWS, key binding, dates, status,
 * subject, issuer trust) and returns it with its normalized record. Never throws for bad input.
 */
export async function verifyExtractedCredential(
  item: ExtractedCredential,
  ctx: VerifyContext,
): Promise<VerifiedCredential> {
  const base = {
    index: item.index,
    source: item.source,
    parentIndex: item.parentIndex,
    raw: item.raw,
    contentHash: sha256Hex(item.raw),
    mediaType: (item.kind === 'jwt'
      ? 'application/jwt'
      : item.kind === 'url'
        ? 'text/uri-list'
        : 'application/json') as VerifiedCredential['mediaType'],
  };
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  try {
    // JSON-LD canonicalization can blow up on hostile input: bound it. A JWS check cannot, and a timer per
    // credential is measurable in bulk imports, so JWTs run without one.
    const work = verifyItem(item, base.contentHash, ctx);
    const result =
      item.kind === 'jwt'
        ? await work
        : await withTimeout(work, timeoutMs, () => ({
            format: null,
            document: null,
            normalized: null,
            verification: {
              ...rejectedVerification(`Verification took longer than ${timeoutMs} ms and was stopped.`),
              status: 'unverifiable' as const,
            },
          }));
    return { ...base, ...result };
  } catch (error) {
    return {
      ...base,
      format: null,
      document: null,
      normalized: null,
      verification: {
        ...rejectedVerification(`Verification failed unexpectedly: ${(error as Error).message}`),
        status: 'unverifiable',
      },
    };
  }
}

/** The result row for a part of an upload that is not a readable credential. */
export function problemToResult(problem: ExtractionProblem): VerifiedCredential {
  return {
    index: problem.index,
    source: problem.source,
    parentIndex: null,
    format: null,
    contentHash: null,
    raw: null,
    mediaType: null,
    document: null,
    normalized: null,
    verification: rejectedVerification(problem.reason),
  };
}
