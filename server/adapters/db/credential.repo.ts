import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { candidateSkillEvidence, credentials, trustedIssuers } from '@/db/schema';
import type {
  AchievementData,
  Check,
  NormalizedCredential,
  TrustedIssuerEntry,
} from '@/server/domain/credentials/model';

export interface NewCredentialRow {
  candidateId: string;
  contentHash: string;
  raw: string;
  mediaType: string;
  format: string;
  status: string;
  keyBinding: string;
  revocation: string;
  issuerTrusted: boolean;
  issuerId: string | null;
  issuerName: string | null;
  achievementName: string;
  achievement: AchievementData;
  normalized: NormalizedCredential;
  checks: Check[];
  subjectId: string | null;
  issuedAt: Date | null;
  validFrom: Date | null;
  validUntil: Date | null;
  sourceFile: string;
  sourcePath: string;
  uploadId: string;
  parentCredentialId: string | null;
  uploadedBy: string | null;
  uploadedAt: Date;
  verifiedAt: Date;
}

export interface CredentialSummary {
  id: string;
  candidateId: string;
  format: string;
  status: string;
  keyBinding: string;
  revocation: string;
  issuerTrusted: boolean;
  issuerId: string | null;
  issuerName: string | null;
  achievementName: string;
  issuedAt: Date | null;
  validUntil: Date | null;
  sourceFile: string;
  sourcePath: string;
  parentCredentialId: string | null;
  uploadedAt: Date;
  verifiedAt: Date;
}

export interface CredentialDetail extends CredentialSummary {
  contentHash: string;
  raw: string;
  mediaType: string;
  achievement: AchievementData;
  normalized: NormalizedCredential;
  checks: Check[];
  subjectId: string | null;
  validFrom: Date | null;
}

const summaryColumns = {
  id: credentials.id,
  candidateId: credentials.candidateId,
  format: credentials.format,
  status: credentials.status,
  keyBinding: credentials.keyBinding,
  revocation: credentials.revocation,
  issuerTrusted: credentials.issuerTrusted,
  issuerId: credentials.issuerId,
  issuerName: credentials.issuerName,
  achievementName: credentials.achievementName,
  issuedAt: credentials.issuedAt,
  validUntil: credentials.validUntil,
  sourceFile: credentials.sourceFile,
  sourcePath: credentials.sourcePath,
  parentCredentialId: credentials.parentCredentialId,
  uploadedAt: credentials.uploadedAt,
  verifiedAt: credentials.verifiedAt,
};

const detailColumns = {
  ...summaryColumns,
  contentHash: credentials.contentHash,
  raw: credentials.raw,
  mediaType: credentials.mediaType,
  achievement: credentials.achievement,
  normalized: credentials.normalized,
  checks: credentials.checks,
  subjectId: credentials.subjectId,
  validFrom: credentials.validFrom,
};

/** Inserts a credential unless this candidate already has the same bytes; returns the row id either way. */
export async function insertCredential(
  tx: Tx,
  row: NewCredentialRow,
): Promise<{ id: string; created: boolean }> {
  const inserted = await tx
    .insert(credentials)
    .values(row)
    .onConflictDoNothing({ target: [credentials.candidateId, credentials.contentHash] })
    .returning({ id: credentials.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.candidateId, row.candidateId), eq(credentials.contentHash, row.contentHash)));
  return { id: existing!.id, created: false };
}

export async function listCandidateCredentials(
  db: DbOrTx,
  candidateId: string,
): Promise<CredentialSummary[]> {
  return db
    .select(summaryColumns)
    .from(credentials)
    .where(eq(credentials.candidateId, candidateId))
    .orderBy(desc(credentials.uploadedAt), credentials.sourcePath);
}

export async function findCredential(db: DbOrTx, id: string): Promise<CredentialDetail | null> {
  const [row] = await db.select(detailColumns).from(credentials).where(eq(credentials.id, id));
  return row ?? null;
}

/** Deletes a credential, its nested credentials (FK cascade) and the skill evidence derived from them. */
export async function deleteCredential(tx: Tx, id: string): Promise<string[]> {
  const nested = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(eq(credentials.parentCredentialId, id));
  const ids = [id, ...nested.map((n) => n.id)];
  await tx.delete(candidateSkillEvidence).where(inArray(candidateSkillEvidence.credentialId, ids));
  await tx.delete(credentials).where(eq(credentials.id, id));
  return ids;
}

export interface VerificationUpdate {
  status: string;
  keyBinding: string;
  revocation: string;
  checks: Check[];
  verifiedAt: Date;
}

export async function updateVerification(tx: Tx, id: string, update: VerificationUpdate): Promise<void> {
  await tx.update(credentials).set(update).where(eq(credentials.id, id));
}

/** Credentials last verified before `before`, oldest first (the re-verify job's work list). */
export async function staleCredentials(
  db: DbOrTx,
  before: Date,
  limit: number,
): Promise<{ id: string; candidateId: string }[]> {
  return db
    .select({ id: credentials.id, candidateId: credentials.candidateId })
    .from(credentials)
    .where(lt(credentials.verifiedAt, before))
    .orderBy(credentials.verifiedAt)
    .limit(limit);
}

export async function listTrustedIssuers(
  db: DbOrTx,
  organizationId: string,
): Promise<(TrustedIssuerEntry & { id: string; label: string | null; createdAt: Date })[]> {
  return db
    .select({
      id: trustedIssuers.id,
      kind: trustedIssuers.kind,
      value: trustedIssuers.value,
      label: trustedIssuers.label,
      createdAt: trustedIssuers.createdAt,
    })
    .from(trustedIssuers)
    .where(eq(trustedIssuers.organizationId, organizationId))
    .orderBy(trustedIssuers.kind, trustedIssuers.value);
}

export async function allTrustedIssuerEntries(db: DbOrTx): Promise<TrustedIssuerEntry[]> {
  return db.select({ kind: trustedIssuers.kind, value: trustedIssuers.value }).from(trustedIssuers);
}

export async function insertTrustedIssuer(
  tx: Tx,
  row: {
    organizationId: string;
    kind: TrustedIssuerEntry['kind'];
    value: string;
    label: string | null;
    createdBy: string;
  },
): Promise<{ id: string } | null> {
  const [inserted] = await tx
    .insert(trustedIssuers)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: trustedIssuers.id });
  return inserted ?? null;
}

export async function deleteTrustedIssuer(tx: Tx, organizationId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(trustedIssuers)
    .where(and(eq(trustedIssuers.id, id), eq(trustedIssuers.organizationId, organizationId)))
    .returning({ id: trustedIssuers.id });
  return deleted.length > 0;
}

/** Distinct issuer ids with their current stored trust flag. */
export async function issuerTrustFlags(db: DbOrTx): Promise<{ issuerId: string; trusted: boolean }[]> {
  const rows = await db
    .select({ issuerId: credentials.issuerId, trusted: sql<boolean>`bool_or(${credentials.issuerTrusted})` })
    .from(credentials)
    .where(isNotNull(credentials.issuerId))
    .groupBy(credentials.issuerId);
  return rows.map((r) => ({ issuerId: r.issuerId!, trusted: Boolean(r.trusted) }));
}

/** Sets the trust flag for all credentials of the given issuers; returns the affected candidates. */
export async function setIssuerTrust(tx: Tx, issuerIds: string[], trusted: boolean): Promise<string[]> {
  if (issuerIds.length === 0) return [];
  const rows = await tx
    .update(credentials)
    .set({ issuerTrusted: trusted })
    .where(inArray(credentials.issuerId, issuerIds))
    .returning({ candidateId: credentials.candidateId });
  return [...new Set(rows.map((r) => r.candidateId))];
}
