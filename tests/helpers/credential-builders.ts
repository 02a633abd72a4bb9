/**
 * Issues test credentials with test keys (never real issuers): Data Integrity eddsa-rdfc-2022,
 * Ed25519Signature2020, VC-JWT (EdDSA / ES256 / RS256), Open Badges 2.0 signed JWS, plus a signed
 * BitstringStatusList so revocation can be exercised offline. Documents a verifier must "fetch" (status
 * lists, OB2 key/issuer/badge) are returned in `documents`, to be served as local copies by the loader.
 */
import jsigs from 'jsonld-signatures';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import {
  createDocumentLoader,
  type CredentialDocumentLoader,
} from '@/server/adapters/jsonld/document-loader';

type Json = Record<string, unknown>;

export const VC2 = 'https://www.w3.org/ns/credentials/v2';
export const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1';

export interface CredentialOptions {
  id?: string;
  name?: string;
  validFrom?: string;
  validUntil?: string;
  /** Adds a BitstringStatusListEntry at this index of the issuer's status list. */
  statusIndex?: number;
  issuer?: string;
  extra?: Json;
}

const defaultSigningLoader: CredentialDocumentLoader = createDocumentLoader();

function seed(n: number): Uint8Array {
  const s = new Uint8Array(32);
  s.fill(n);
  return s;
}

export interface TestIssuer {
  did: string;
  vmId: string;
  statusListUrl: string;
  documents: Map<string, unknown>;
  /** An OB3 AchievementCredential (VC 2.0) without proof. */
  credential(options?: CredentialOptions): Json;
  signDataIntegrity(credential: Json): Promise<Json>;
  signEd25519Signature2020(credential: Json): Promise<Json>;
  signVcJwt(
    credential: Json,
    alg: 'EdDSA' | 'ES256' | 'RS256',
    options?: { style?: 'vc-claim' | 'jose'; keyIn?: 'kid' | 'jwk'; tamperClaims?: Json },
  ): Promise<string>;
  /** Publishes the status list with these indexes revoked (signed with the issuer key). */
  publishStatusList(revoked: number[]): Promise<void>;
  /**
   * Publishes a StatusList2021Credential at `${statusListUrl}/2021` (needs the status-list 2021 context,
   * passed to createTestIssuer as an extra context, since no npm package ships it).
   */
  publishStatusList2021(revoked: number[]): Promise<string>;
  ob2SignedAssertion(options?: { expires?: string; id?: string; revoked?: boolean }): Promise<string>;
}

/** Deterministic test issuer (a did:key Ed25519 key from a fixed seed, plus JOSE keys). */
export async function createTestIssuer(
  seedByte = 7,
  options: { contexts?: ReadonlyMap<string, object> } = {},
): Promise<TestIssuer> {
  const signingLoader = options.contexts
    ? createDocumentLoader({ contexts: options.contexts })
    : defaultSigningLoader;
  const probe = await Ed25519Multikey.generate({ seed: seed(seedByte) });
  const did = `did:key:${probe.publicKeyMultibase}`;
  const vmId = `${did}#${probe.publicKeyMultibase}`;
  const key = await Ed25519Multikey.generate({ seed: seed(seedByte), id: vmId, controller: did });
  const statusListUrl = `https://status.test-issuer.example/lists/${seedByte}`;
  const documents = new Map<string, unknown>();
  const es256 = await generateKeyPair('ES256', { extractable: true });
  const rs256 = await generateKeyPair('RS256', { extractable: true });
  const jwks: Record<'ES256' | 'RS256', JWK> = {
    ES256: await exportJWK(es256.publicKey),
    RS256: await exportJWK(rs256.publicKey),
  };
  const edJwk = (await Ed25519Multikey.toJwk({ keyPair: key })) as JWK;

  const purpose = () => new jsigs.purposes.AssertionProofPurpose();
  const signDataIntegrity = async (credential: Json) =>
    jsigs.sign(structuredClone(credential), {
      suite: new DataIntegrityProof({
        signer: key.signer(),
        cryptosuite: eddsaRdfc2022,
        date: '2024-01-01T00:00:00Z',
      }),
      purpose: purpose(),
      documentLoader: signingLoader.load,
    });
  const signEd25519Signature2020 = async (credential: Json) => {
    const doc = structuredClone(credential);
    const ctx = doc['@context'] as string[];
    if (!ctx.includes(ED25519_2020_CONTEXT)) doc['@context'] = [...ctx, ED25519_2020_CONTEXT];
    return jsigs.sign(doc, {
      suite: new Ed25519Signature2020({ signer: key.signer(), date: '2024-01-01T00:00:00Z' }),
      purpose: purpose(),
      documentLoader: signingLoader.load,
    });
  };

  const credential = (options: CredentialOptions = {}): Json => ({
    '@context': [VC2, OB3],
    id: options.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: options.issuer ?? did, type: ['Profile'], name: 'Test Issuer' },
    validFrom: options.validFrom ?? '2024-01-01T00:00:00Z',
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    name: options.name ?? 'TypeScript Practitioner',
    credentialSubject: {
      id: 'did:example:candidate',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://test-issuer.example/achievements/ts',
        type: ['Achievement'],
        name: options.name ?? 'TypeScript Practitioner',
        description: 'Builds typed applications.',
        criteria: { narrative: 'Passed the practical exam.' },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'TypeScript',
            targetUrl: 'https://example.org/skills/typescript',
            targetFramework: 'Test',
          },
        ],
        tag: ['typescript'],
      },
    },
    ...(options.statusIndex !== undefined
      ? {
          credentialStatus: {
            id: `${statusListUrl}#${options.statusIndex}`,
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: String(options.statusIndex),
            statusListCredential: statusListUrl,
          },
        }
      : {}),
    ...(options.extra ?? {}),
  });

  const signVcJwt: TestIssuer['signVcJwt'] = async (cred, alg, options = {}) => {
    const style = options.style ?? 'vc-claim';
    const keyIn = options.keyIn ?? (alg === 'EdDSA' ? 'kid' : 'jwk');
    const issuerId = typeof cred.issuer === 'string' ? cred.issuer : ((cred.issuer as Json).id as string);
    const subject = cred.credentialSubject as Json;
    const payload: Json =
      style === 'vc-claim'
        ? {
            vc: cred,
            iss: issuerId,
            sub: subject.id,
            jti: cred.id,
            nbf: Math.floor(Date.parse(String(cred.validFrom)) / 1000),
            ...(cred.validUntil ? { exp: Math.floor(Date.parse(String(cred.validUntil)) / 1000) } : {}),
            ...(options.tamperClaims ?? {}),
          }
        : { ...cred, ...(options.tamperClaims ?? {}) };
    const header: Json = { alg, typ: style === 'vc-claim' ? 'JWT' : 'vc+jwt' };
    if (keyIn === 'kid' && alg === 'EdDSA') header.kid = vmId;
    else header.jwk = alg === 'EdDSA' ? edJwk : jwks[alg];
    const signingKey =
      alg === 'EdDSA'
        ? await importEd25519Private(key)
        : alg === 'ES256'
          ? es256.privateKey
          : rs256.privateKey;
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader(header as { alg: string })
      .sign(signingKey);
  };

  const publishStatusList = async (revoked: number[]) => {
    const list = new BitstringStatusList({ length: 131072 });
    for (const i of revoked) list.setStatus(i, true);
    const listCredential: Json = {
      '@context': [VC2],
      id: statusListUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: did,
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: {
        id: `${statusListUrl}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: await list.encode(),
      },
    };
    documents.set(statusListUrl, await signDataIntegrity(listCredential));
  };

  const publishStatusList2021 = async (revoked: number[]) => {
    const list = new BitstringStatusList({ length: 131072 });
    for (const i of revoked) list.setStatus(i, true);
    const url = `${statusListUrl}/2021`;
    const listCredential: Json = {
      '@context': [VC2, STATUS_LIST_2021_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: did,
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'StatusList2021',
        statusPurpose: 'revocation',
        encodedList: (await list.encode()).slice(1),
      },
    };
    documents.set(url, await signDataIntegrity(listCredential));
    return url;
  };

  const ob2Keys = await generateKeyPair('RS256', { extractable: true });
  const ob2Base = `https://ob2.test-issuer.example/${seedByte}`;
  documents.set(`${ob2Base}/key.json`, {
    '@context': 'https://w3id.org/openbadges/v2',
    id: `${ob2Base}/key.json`,
    type: 'CryptographicKey',
    owner: `${ob2Base}/issuer.json`,
    publicKeyPem: await exportSPKI(ob2Keys.publicKey),
  });
  documents.set(`${ob2Base}/issuer.json`, {
    '@context': 'https://w3id.org/openbadges/v2',
    id: `${ob2Base}/issuer.json`,
    type: 'Issuer',
    name: 'OB2 Test Issuer',
    url: 'https://ob2.test-issuer.example',
    publicKey: `${ob2Base}/key.json`,
    revocationList: `${ob2Base}/revocations.json`,
  });
  documents.set(`${ob2Base}/badge.json`, {
    '@context': 'https://w3id.org/openbadges/v2',
    id: `${ob2Base}/badge.json`,
    type: 'BadgeClass',
    name: 'Robotics',
    description: 'Builds robots.',
    criteria: { narrative: 'Built a robot.' },
    issuer: `${ob2Base}/issuer.json`,
    tags: ['robotics'],
    alignment: [{ targetName: 'Robotics', targetUrl: 'https://example.org/skills/robotics' }],
  });
  const revokedOb2: string[] = [];
  documents.set(`${ob2Base}/revocations.json`, {
    '@context': 'https://w3id.org/openbadges/v2',
    id: `${ob2Base}/revocations.json`,
    type: 'RevocationList',
    revokedAssertions: revokedOb2,
  });

  const ob2SignedAssertion: TestIssuer['ob2SignedAssertion'] = async (options = {}) => {
    const id = options.id ?? `urn:uuid:${crypto.randomUUID()}`;
    if (options.revoked) revokedOb2.push(id);
    const assertion: Json = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id,
      recipient: { type: 'email', hashed: false, identity: 'candidate@example.org' },
      badge: `${ob2Base}/badge.json`,
      issuedOn: '2024-01-01T00:00:00Z',
      ...(options.expires ? { expires: options.expires } : {}),
      verification: { type: 'signed', creator: `${ob2Base}/key.json` },
    };
    return new CompactSign(new TextEncoder().encode(JSON.stringify(assertion)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(ob2Keys.privateKey);
  };

  return {
    did,
    vmId,
    statusListUrl,
    documents,
    credential,
    signDataIntegrity,
    signEd25519Signature2020,
    signVcJwt,
    publishStatusList,
    publishStatusList2021,
    ob2SignedAssertion,
  };
}

async function importEd25519Private(key: Ed25519Multikey.Ed25519MultikeyPair): Promise<CryptoKey> {
  const publicJwk = (await Ed25519Multikey.toJwk({ keyPair: key })) as JWK;
  const raw = (await key.export({ secretKey: true, raw: true, canonicalize: true } as never)) as {
    secretKey: Uint8Array;
  };
  const jwk: JWK = { ...publicJwk, d: Buffer.from(raw.secretKey.subarray(0, 32)).toString('base64url') };
  return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
}

/** Changes a signed JSON credential after signing (the achievement name), keeping its proof. */
export function tamper(credential: Json): Json {
  const copy = structuredClone(credential);
  const subject = copy.credentialSubject as Json;
  (subject.achievement as Json).name = 'Tampered Achievement';
  return copy;
}

/** Changes the payload of a compact JWS while keeping header and signature. */
export function tamperJws(jws: string, change: (payload: Json) => Json): string {
  const [h, p, s] = jws.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Json;
  return `${h}.${Buffer.from(JSON.stringify(change(payload))).toString('base64url')}.${s}`;
}

/** An unsigned JWT (alg none). */
export function unsignedJwt(payload: Json): string {
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
}
