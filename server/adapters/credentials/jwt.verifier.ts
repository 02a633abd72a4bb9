import {
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  importSPKI,
  errors as joseErrors,
  type JWK,
} from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { CredentialDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import { resolveVerificationMethod } from './ld-proof.verifier';

type Json = Record<string, unknown>;

/** Algorithms accepted for VC-JWT / VC-JOSE / OB2 JWS; `none` and HMAC are always refused. */
export const ACCEPTED_JWS_ALGORITHMS = [
  'EdDSA',
  'Ed25519',
  'ES256',
  'ES384',
  'ES256K',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
] as const;

export interface JwsOutcome {
  state: 'valid' | 'invalid' | 'unchecked';
  reason: string;
  keyBinding: { state: 'confirmed' | 'unconfirmed'; reason: string } | null;
  header: Json | null;
  payload: Json | null;
}

export function decodeJws(jws: string): { header: Json; payload: Json } | { error: string } {
  const parts = jws.split('.');
  if (parts.length !== 3) return { error: 'A compact JWS has exactly three dot-separated parts.' };
  let header: Json;
  try {
    header = decodeProtectedHeader(jws) as Json;
  } catch {
    return { error: 'The JWS header is not valid base64url JSON.' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { error: 'The JWS payload is not valid base64url JSON.' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { error: 'The JWS payload is not a JSON object.' };
  return { header, payload: payload as Json };
}

const jwkByMultibase = new Map<string, JWK>();

/** Public JWK of a verification method (publicKeyJwk, or an Ed25519 multibase key converted, memoized). */
async function vmToJwk(vm: Json): Promise<JWK> {
  if (vm.publicKeyJwk && typeof vm.publicKeyJwk === 'object') return vm.publicKeyJwk as JWK;
  const multibase = typeof vm.publicKeyMultibase === 'string' ? vm.publicKeyMultibase : null;
  const known = multibase ? jwkByMultibase.get(multibase) : undefined;
  if (known) return known;
  const keyPair = await Ed25519Multikey.from(vm);
  const jwk = (await Ed25519Multikey.toJwk({ keyPair })) as JWK;
  if (multibase) {
    if (jwkByMultibase.size > 10_000) jwkByMultibase.clear();
    jwkByMultibase.set(multibase, jwk);
  }
  return jwk;
}

/** Imported public keys are a pure function of (key material, algorithm): import each once. */
const importedKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

function importPublicKey(key: KeySource, alg: string): Promise<CryptoKey | Uint8Array> {
  const id =
    key.kind === 'jwk'
      ? `jwk|${alg}|${key.jwk.kty}|${key.jwk.crv ?? ''}|${key.jwk.x ?? ''}|${key.jwk.y ?? ''}|${key.jwk.n ?? ''}|${key.jwk.e ?? ''}`
      : `pem|${alg}|${key.pem}`;
  let imported = importedKeys.get(id);
  if (!imported) {
    imported =
      key.kind === 'jwk' ? importJWK({ ...key.jwk, alg: undefined } as JWK, alg) : importSPKI(key.pem, alg);
    imported.catch(() => importedKeys.delete(id));
    if (importedKeys.size > 10_000) importedKeys.clear();
    importedKeys.set(id, imported);
  }
  return imported;
}

export type KeySource =
  | { kind: 'jwk'; jwk: JWK; binding: { state: 'confirmed' | 'unconfirmed'; reason: string } }
  | { kind: 'pem'; pem: string; binding: { state: 'confirmed' | 'unconfirmed'; reason: string } };

/**
 * Finds the key for a VC-JWT: a DID URL in `kid` (resolved; bound when the DID is the issuer), an https
 * `kid` (through the loader), or a `jwk` in the header (integrity only: anyone can put a key there).
 * Without either, the key would have to come from the issuer profile (OB 3.0 §8.2.4), which needs the network.
 */
async function findJwtKey(
  header: Json,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
): Promise<KeySource | { unavailable: string }> {
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (kid && (kid.startsWith('did:') || /^https:\/\//.test(kid))) {
    try {
      const resolved = await resolveVerificationMethod(kid, issuerId, loader);
      return { kind: 'jwk', jwk: await vmToJwk(resolved.vm), binding: resolved.binding };
    } catch (error) {
      if (!header.jwk) return { unavailable: (error as Error).message };
    }
  }
  if (header.jwk && typeof header.jwk === 'object') {
    const jwk = header.jwk as JWK;
    if ('d' in jwk || 'p' in jwk || 'k' in jwk)
      return { unavailable: 'The JWT header carries private or symmetric key material; refused.' };
    const x5c = Array.isArray(header.x5c)
      ? ' The x5c certificate chain is not validated (no trust list).'
      : '';
    return {
      kind: 'jwk',
      jwk,
      binding: {
        state: 'unconfirmed',
        reason: `The key was taken from the JWT header (jwk): this proves integrity, not who issued it.${x5c}`,
      },
    };
  }
  if (issuerId && /^https?:\/\//.test(issuerId)) {
    return {
      unavailable: `The JWT carries no key; it must be discovered from the issuer profile ${issuerId}, which needs the network (${loader.networkEnabled ? 'not implemented for this issuer' : 'outbound fetching is off'}).`,
    };
  }
  return { unavailable: 'The JWT names no key (no kid or jwk) and the issuer has no resolvable profile.' };
}

/** Verifies a compact JWS with a known key. */
export async function verifyCompactJws(
  jws: string,
  header: Json,
  key: KeySource,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const alg = String(header.alg);
  try {
    const cryptoKey = await importPublicKey(key, alg);
    await compactVerify(jws, cryptoKey, { algorithms: [alg] });
    return { ok: true };
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return {
        ok: false,
        reason: 'The signature does not match the content (tampered content or wrong key).',
      };
    return {
      ok: false,
      reason: `The signature could not be verified with the stated key (${(error as Error).message}).`,
    };
  }
}

export function algorithmProblem(header: Json): string | null {
  const alg = header.alg;
  if (alg === undefined || alg === null || String(alg).toLowerCase() === 'none')
    return 'Unsigned JWT (alg "none") is refused.';
  if (typeof alg !== 'string' || !(ACCEPTED_JWS_ALGORITHMS as readonly string[]).includes(alg))
    return `The JWS algorithm "${String(alg)}" is not accepted.`;
  if (Array.isArray(header.crit) && header.crit.length > 0)
    return `The JWS has critical header parameters this verifier does not understand (${header.crit.join(', ')}).`;
  return null;
}

/** Signature and key binding of a VC-JWT / VC-JOSE credential. */
export async function verifyVcJws(
  jws: string,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
): Promise<JwsOutcome> {
  const decoded = decodeJws(jws);
  if ('error' in decoded)
    return { state: 'invalid', reason: decoded.error, keyBinding: null, header: null, payload: null };
  const { header, payload } = decoded;
  const algError = algorithmProblem(header);
  if (algError) return { state: 'invalid', reason: algError, keyBinding: null, header, payload };
  const key = await findJwtKey(header, issuerId, loader);
  if ('unavailable' in key)
    return {
      state: 'unchecked',
      reason: `Not verified: ${key.unavailable}`,
      keyBinding: null,
      header,
      payload,
    };
  const result = await verifyCompactJws(jws, header, key);
  if (!result.ok) return { state: 'invalid', reason: result.reason, keyBinding: null, header, payload };
  return {
    state: 'valid',
    reason: `Signature valid (JWS ${String(header.alg)}).`,
    keyBinding: key.binding,
    header,
    payload,
  };
}
