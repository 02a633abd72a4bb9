import type { CredentialDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import { decodeJws, algorithmProblem, verifyCompactJws } from './jwt.verifier';

type Json = Record<string, unknown>;

export interface Ob2Outcome {
  structure: { ok: boolean; reason: string };
  signature: { state: 'valid' | 'invalid' | 'unchecked'; reason: string };
  keyBinding: { state: 'confirmed' | 'unconfirmed'; reason: string } | null;
  revocation: { state: 'ok' | 'revoked' | 'unknown' | 'none'; reason: string };
  assertion: Json;
  badge: Json | null;
  issuer: Json | null;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return null;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

async function resolveObject(value: unknown, loader: CredentialDocumentLoader): Promise<Json | null> {
  if (
    isObject(value) &&
    (value.name !== undefined || value.type !== undefined) &&
    Object.keys(value).length > 1
  )
    return value;
  const id = idOf(value);
  if (!id) return null;
  try {
    const doc = await loader.loadJson(id);
    return isObject(doc) ? doc : null;
  } catch {
    return null;
  }
}

export function ob2StructureProblem(assertion: Json): string | null {
  const types = asArray(assertion.type);
  if (!types.includes('Assertion') && !types.includes('obi:Assertion'))
    return 'An Open Badges 2.0 assertion must have type "Assertion".';
  if (!isObject(assertion.recipient)) return 'The assertion has no recipient object.';
  if (typeof assertion.recipient.identity !== 'string') return 'The assertion recipient has no identity.';
  if (!idOf(assertion.badge)) return 'The assertion names no badge.';
  if (!isObject(assertion.verification)) return 'The assertion has no verification object.';
  if (typeof assertion.issuedOn !== 'string') return 'The assertion has no issuedOn date.';
  if (assertion.expires !== undefined && typeof assertion.expires !== 'string')
    return 'The assertion expiry must be a date string.';
  return null;
}

function verificationType(assertion: Json): string {
  const v = isObject(assertion.verification) ? assertion.verification : {};
  return String(v.type ?? '').replace(/^(.*:)?/, '');
}

async function revocationFromIssuer(
  assertionId: string | null,
  issuer: Json | null,
  loader: CredentialDocumentLoader,
): Promise<Ob2Outcome['revocation']> {
  if (!issuer)
    return { state: 'unknown', reason: 'Revocation status unknown: the issuer profile could not be loaded.' };
  const listUrl = idOf(issuer.revocationList);
  if (!listUrl) return { state: 'none', reason: 'The issuer publishes no revocation list.' };
  let list: unknown;
  try {
    list = await loader.loadJson(listUrl);
  } catch (error) {
    return {
      state: 'unknown',
      reason: `Revocation status unknown: the revocation list ${listUrl} could not be loaded (${(error as Error).message}).`,
    };
  }
  if (!isObject(list))
    return { state: 'unknown', reason: `Revocation status unknown: ${listUrl} is not a revocation list.` };
  const revoked = asArray(list.revokedAssertions).map(idOf);
  if (assertionId && revoked.includes(assertionId))
    return { state: 'revoked', reason: `The issuer's revocation list ${listUrl} lists this assertion.` };
  return { state: 'ok', reason: `Not on the issuer's revocation list ${listUrl}.` };
}

function sameHost(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  try {
    return new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Verifies an Open Badges 2.0 assertion. Signed badges: the compact JWS is checked with the key named by
 * `verification.creator`; the key is bound when the issuer profile lists it and the key names the issuer as
 * owner. Hosted badges: verified only by fetching the assertion from its id URL over HTTPS (guarded fetcher),
 * requiring the same origin as the issuer; with the network off they stay unverifiable.
 */
export async function verifyOb2(
  input: { assertion: Json; jws: string | null },
  loader: CredentialDocumentLoader,
): Promise<Ob2Outcome> {
  const { assertion, jws } = input;
  const problem = ob2StructureProblem(assertion);
  const badge = await resolveObject(assertion.badge, loader);
  const issuer = badge ? await resolveObject(badge.issuer, loader) : null;
  const base = { assertion, badge, issuer };
  if (problem) {
    return {
      ...base,
      structure: { ok: false, reason: problem },
      signature: { state: 'unchecked', reason: 'Not checked: the assertion is malformed.' },
      keyBinding: null,
      revocation: { state: 'none', reason: 'Not checked.' },
    };
  }
  const structure = { ok: true, reason: `Open Badges 2.0 assertion (${jws ? 'signed' : 'hosted'}).` };
  const vType = verificationType(assertion);
  const assertionId = idOf(assertion);

  if (vType === 'signed' || vType === 'SignedBadge') {
    if (!jws) {
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason:
            'This assertion says it is signed, but it was uploaded as plain JSON without its JWS: the signature cannot be checked.',
        },
        keyBinding: null,
        revocation: await revocationFromIssuer(assertionId, issuer, loader),
      };
    }
    const decoded = decodeJws(jws);
    if ('error' in decoded)
      return {
        ...base,
        structure: { ok: false, reason: decoded.error },
        signature: { state: 'invalid', reason: decoded.error },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    const algError = algorithmProblem(decoded.header);
    if (algError)
      return {
        ...base,
        structure,
        signature: { state: 'invalid', reason: algError },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    const creator = isObject(assertion.verification) ? idOf(assertion.verification.creator) : null;
    if (!creator)
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason: 'The signed assertion names no key (verification.creator).',
        },
        keyBinding: null,
        revocation: await revocationFromIssuer(assertionId, issuer, loader),
      };
    let keyDoc: unknown;
    try {
      keyDoc = await loader.loadJson(creator);
    } catch (error) {
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason: `Not verified: the signing key ${creator} could not be loaded (${(error as Error).message}).`,
        },
        keyBinding: null,
        revocation: await revocationFromIssuer(assertionId, issuer, loader),
      };
    }
    if (!isObject(keyDoc) || typeof keyDoc.publicKeyPem !== 'string') {
      return {
        ...base,
        structure,
        signature: { state: 'invalid', reason: `The key document ${creator} has no publicKeyPem.` },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    }
    const result = await verifyCompactJws(jws, decoded.header, {
      kind: 'pem',
      pem: keyDoc.publicKeyPem,
      binding: { state: 'unconfirmed', reason: '' },
    });
    if (!result.ok)
      return {
        ...base,
        structure,
        signature: { state: 'invalid', reason: result.reason },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    const issuerId = issuer ? idOf(issuer) : null;
    const listed = issuer ? asArray(issuer.publicKey).map(idOf).includes(creator) : false;
    const owner = idOf(keyDoc.owner);
    const keyBinding =
      listed && owner === issuerId
        ? {
            state: 'confirmed' as const,
            reason: `The issuer profile ${issuerId} lists the signing key ${creator}, and the key names the issuer as owner.`,
          }
        : {
            state: 'unconfirmed' as const,
            reason: issuer
              ? `The issuer profile ${issuerId} does not list the signing key ${creator} (or the key names another owner).`
              : 'The issuer profile could not be loaded to confirm the signing key.',
          };
    return {
      ...base,
      structure,
      signature: {
        state: 'valid',
        reason: `Signature valid (OB 2.0 JWS ${String(decoded.header.alg)}, key ${creator}).`,
      },
      keyBinding,
      revocation: await revocationFromIssuer(assertionId, issuer, loader),
    };
  }

  if (vType === 'hosted' || vType === 'HostedBadge') {
    if (!assertionId || !/^https:\/\//.test(assertionId)) {
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason: 'A hosted assertion must have an https id to fetch it from; it cannot be verified.',
        },
        keyBinding: null,
        revocation: {
          state: 'unknown',
          reason: 'Revocation status unknown: the hosted assertion was not fetched.',
        },
      };
    }
    if (!loader.networkEnabled) {
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason: `Hosted badges are verified by fetching ${assertionId} from the issuer, which needs the network (outbound fetching is off).`,
        },
        keyBinding: null,
        revocation: {
          state: 'unknown',
          reason: 'Revocation status unknown: the hosted assertion was not fetched.',
        },
      };
    }
    let hosted: unknown;
    try {
      hosted = await loader.loadJson(assertionId);
    } catch (error) {
      return {
        ...base,
        structure,
        signature: {
          state: 'unchecked',
          reason: `The hosted assertion could not be fetched (${(error as Error).message}).`,
        },
        keyBinding: null,
        revocation: {
          state: 'unknown',
          reason: 'Revocation status unknown: the hosted assertion was not fetched.',
        },
      };
    }
    if (!isObject(hosted))
      return {
        ...base,
        structure,
        signature: { state: 'invalid', reason: 'The hosted assertion is not a JSON object.' },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    if (isObject(hosted) && hosted.revoked === true) {
      return {
        ...base,
        structure,
        signature: { state: 'valid', reason: 'The issuer still hosts this assertion.' },
        keyBinding: null,
        revocation: {
          state: 'revoked',
          reason: `The issuer marks this assertion as revoked${typeof hosted.revocationReason === 'string' ? ` (${hosted.revocationReason})` : ''}.`,
        },
      };
    }
    const recipient = isObject(hosted.recipient) ? hosted.recipient.identity : null;
    if (
      idOf(hosted) !== assertionId ||
      recipient !== (assertion.recipient as Json).identity ||
      idOf(hosted.badge) !== idOf(assertion.badge)
    ) {
      return {
        ...base,
        structure,
        signature: {
          state: 'invalid',
          reason: 'The hosted assertion differs from the uploaded one (id, recipient or badge changed).',
        },
        keyBinding: null,
        revocation: { state: 'none', reason: 'Not checked.' },
      };
    }
    const issuerUrl = issuer ? (idOf(issuer.url) ?? idOf(issuer)) : null;
    const sameOrigin =
      sameHost(assertionId, issuerUrl) || sameHost(assertionId, issuer ? idOf(issuer) : null);
    return {
      ...base,
      structure,
      signature: {
        state: 'valid',
        reason: `Hosted assertion fetched over HTTPS from ${new URL(assertionId).host} and identical to the upload.`,
      },
      keyBinding: sameOrigin
        ? { state: 'confirmed', reason: "The assertion is hosted on the issuer's own domain." }
        : {
            state: 'unconfirmed',
            reason: 'The assertion is hosted on a different domain from the issuer profile.',
          },
      revocation: await revocationFromIssuer(assertionId, issuer, loader),
    };
  }
  return {
    ...base,
    structure,
    signature: { state: 'unchecked', reason: `Unknown OB 2.0 verification type "${vType || '(none)'}".` },
    keyBinding: null,
    revocation: { state: 'none', reason: 'Not checked.' },
  };
}
