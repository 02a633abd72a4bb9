import { createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { SignJWT } from 'jose';

/**
 * Demo issuers sign real credentials (OB 3.0 as VC-JWT, EdDSA, did:key issuers) so the demo exercises the
 * same verification path as uploads. Keys derive from published seeds: they are demo keys, trusted by nothing.
 */
export interface DemoIssuer {
  name: string;
  did: string;
  kid: string;
  sign(payload: Record<string, unknown>): Promise<string>;
}

const issuers = new Map<string, Promise<DemoIssuer>>();

async function createIssuer(name: string): Promise<DemoIssuer> {
  const seed = createHash('sha256').update(`skillgraph-demo-issuer:${name}`).digest();
  const keyPair = await Ed25519Multikey.generate({ seed });
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const kid = `${did}#${keyPair.publicKeyMultibase}`;
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so node:crypto signs with the same key.
  const key = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicJwk = (await Ed25519Multikey.toJwk({ keyPair })) as { x?: string };
  if (createPublicKey(key).export({ format: 'jwk' }).x !== publicJwk.x) {
    throw new Error(`demo issuer ${name}: derived keys disagree`);
  }
  return {
    name,
    did,
    kid,
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid }).sign(key),
  };
}

export function demoIssuer(name: string): Promise<DemoIssuer> {
  let issuer = issuers.get(name);
  if (!issuer) {
    issuer = createIssuer(name);
    issuers.set(name, issuer);
  }
  return issuer;
}

export interface DemoCredentialInput {
  issuerName: string;
  subjectId: string;
  subjectName: string;
  achievement: { name: string; description: string; criteria: string; tags: string[] };
  issuedAt: Date;
  validUntil?: Date;
  /** Stable id, so re-seeding produces the same bytes (and no duplicates). */
  credentialId?: string;
}

function openBadgeCredential(input: DemoCredentialInput, issuerDid: string) {
  const achievementSlug = input.achievement.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: input.credentialId ?? `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.achievement.name,
    issuer: { id: issuerDid, type: ['Profile'], name: input.issuerName },
    issuanceDate: input.issuedAt.toISOString(),
    ...(input.validUntil ? { expirationDate: input.validUntil.toISOString() } : {}),
    credentialSubject: {
      id: input.subjectId,
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:skillgraph-demo:achievement:${achievementSlug}`,
        type: ['Achievement'],
        name: input.achievement.name,
        description: input.achievement.description,
        criteria: { narrative: input.achievement.criteria },
        tag: input.achievement.tags,
        achievementType: 'Certificate',
        creator: { id: issuerDid, type: ['Profile'], name: input.issuerName },
      },
    },
  };
}

/** An OB 3.0 credential as a VC-JWT (VC Data Model 1.1 `vc` claim), signed by the demo issuer. */
export async function issueDemoJwt(input: DemoCredentialInput): Promise<string> {
  const issuer = await demoIssuer(input.issuerName);
  const vc = openBadgeCredential(input, issuer.did);
  return issuer.sign({
    iss: issuer.did,
    sub: input.subjectId,
    jti: vc.id,
    nbf: Math.floor(input.issuedAt.getTime() / 1000),
    ...(input.validUntil ? { exp: Math.floor(input.validUntil.getTime() / 1000) } : {}),
    vc,
  });
}

/** The same credential without any proof: what a self-declared skill looks like. */
export async function unsignedDemoCredential(input: DemoCredentialInput): Promise<string> {
  const issuer = await demoIssuer(input.issuerName);
  return JSON.stringify(openBadgeCredential(input, issuer.did), null, 2);
}
