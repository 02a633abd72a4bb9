import type { Db } from '@/db/client';
import { candidateSkillEvidence, credentials } from '@/db/schema';

export interface SkillEvidenceOptions {
  status?: string;
  issuer?: string;
  achievement?: string;
  /** How long ago the credential was issued. */
  years?: number;
  method?: string;
  contentHash?: string;
}

/**
 * Stores a credential and its skill evidence the way ingest + skill mapping leave them (no outbox row: the
 * caller tells the ranking service). Returns the credential id.
 */
export async function storeSkillEvidence(
  db: Db,
  candidateId: string,
  skillId: string,
  opts: SkillEvidenceOptions = {},
): Promise<string> {
  const issued = new Date(Date.now() - (opts.years ?? 1) * 365 * 86_400_000);
  const achievementName = opts.achievement ?? `${skillId.replace('starter:', '')} certificate`;
  const [cred] = await db
    .insert(credentials)
    .values({
      candidateId,
      contentHash: opts.contentHash ?? `${candidateId}-${skillId}-${crypto.randomUUID()}`,
      raw: '{}',
      mediaType: 'application/json',
      format: 'ob3',
      status: opts.status ?? 'verified',
      keyBinding: 'confirmed',
      revocation: 'ok',
      issuerTrusted: true,
      issuerId: `did:web:${opts.issuer ?? 'academy'}.example`,
      issuerName: opts.issuer ?? 'Academy',
      achievementName,
      achievement: {
        name: achievementName,
        achievementType: 'Certification',
        criteriaNarrative: 'Passed a proctored exam',
        tags: [],
        alignments: [],
        resultDescriptions: [{ name: 'score' }],
      },
      normalized: {} as never,
      checks: [],
      issuedAt: issued,
      sourceFile: 'wallet.json',
      sourcePath: 'wallet.json',
      uploadId: crypto.randomUUID(),
    })
    .returning({ id: credentials.id });
  await db.insert(candidateSkillEvidence).values({
    candidateId,
    skillId,
    credentialId: cred.id,
    field: 'alignment',
    span: skillId,
    method: opts.method ?? 'alignment',
    confidence: 1,
    state: 'confirmed',
  });
  return cred.id;
}
