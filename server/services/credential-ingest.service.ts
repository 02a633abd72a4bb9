import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type { AchievementData, Check, TrustedIssuerEntry } from '@/server/domain/credentials/model';
import { isIssuerTrusted, reevaluateIssuerTrust } from '@/server/domain/credentials/issuer-trust';
import { parseCredentialDate } from '@/server/domain/credentials/verification-policy';
import type { VerifiedCredential } from '@/server/adapters/credentials/credential-verifier';
import {
  allTrustedIssuerEntries,
  deleteCredential,
  findCredential,
  insertCredential,
  listCandidateCredentials,
  listTrustedIssuers,
  staleCredentials,
  updateVerification,
  type CredentialDetail,
  type CredentialSummary,
} from '@/server/adapters/db/credential.repo';
import { enqueueCandidateChange } from './outbox';

/** Verifies one uploaded file (the adapter's `verifyFile` bound to the process's verification runtime). */
export type VerifyFileFn = (
  fileName: string,
  bytes: Uint8Array,
  options: {
    now?: Date;
    trustedIssuers?: readonly TrustedIssuerEntry[] | null;
    subjectIdentities?: { emails?: string[]; dids?: string[] };
  },
) => Promise<VerifiedCredential[]>;

/** Writes a credential's skill evidence (the taxonomy engineer's `mapCredentialSkills`). */
export type MapCredentialSkills = (
  tx: Tx,
  input: { candidateId: string; credentialId: string; achievement: AchievementData },
) => Promise<void>;

export interface CredentialIngestDeps {
  db: Db;
  verifyFile: VerifyFileFn;
  /**
   * Skill-mapping hook, called in the credential's own transaction. Wire it to
   * `mapCredentialSkills` from server/services/skill-mapping.service.ts in the container; when absent,
   * credentials are stored without skill evidence.
   */
  mapCredentialSkills?: MapCredentialSkills;
  now?: () => Date;
}

/** One line of an upload's result stream: a credential (stored or not) or an unreadable part of a file. */
export interface IngestResult {
  file: string;
  index: number;
  source: string;
  format: string | null;
  status: string;
  keyBinding: string;
  revocation: string;
  checks: Check[];
  credentialId: string | null;
  /** The candidate already had exactly these bytes: nothing new was stored. */
  duplicate: boolean;
  stored: boolean;
  /** Set when a readable credential could not be stored (the rest of the wallet still is). */
  error?: string;
}

export interface CredentialView extends CredentialDetail {
  /** Trust against the viewer's organization list (null for candidates, who have none). */
  trustedByYourOrganization: boolean | null;
}

function requireCandidate(actor: Actor): string {
  if (actor.role !== 'candidate' || !actor.candidateId)
    throw new DomainError('FORBIDDEN', 'Only candidates manage their credentials.');
  return actor.candidateId;
}

function toDate(value: string | null | undefined): Date | null {
  return value ? parseCredentialDate(value) : null;
}

const decoder = new TextDecoder();

/** Statuses whose content we do not believe: they produce no skill evidence. */
const NO_SKILLS_STATUSES = new Set(['invalid']);

export function createCredentialIngestService(deps: CredentialIngestDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function subjectIdentities(actor: Actor) {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    return user?.email ? { emails: [user.email] } : undefined;
  }

  async function storeOne(
    actor: Actor,
    candidateId: string,
    fileName: string,
    uploadId: string,
    result: VerifiedCredential,
    parentId: string | null,
    trusted: TrustedIssuerEntry[],
    verifiedAt: Date,
  ): Promise<{ id: string; created: boolean }> {
    const n = result.normalized!;
    return db.transaction(async (tx) => {
      const row = await insertCredential(tx, {
        candidateId,
        contentHash: result.contentHash!,
        raw: decoder.decode(result.raw!),
        mediaType: result.mediaType!,
        format: result.format!,
        status: result.verification.status,
        keyBinding: result.verification.keyBinding,
        revocation: result.verification.revocation,
        issuerTrusted: isIssuerTrusted(n.issuer.id, trusted),
        issuerId: n.issuer.id,
        issuerName: n.issuer.name,
        achievementName: n.achievement.name,
        achievement: n.achievement,
        normalized: n,
        checks: result.verification.checks,
        subjectId: n.subjectId,
        issuedAt: toDate(n.issuedAt),
        validFrom: toDate(n.validFrom),
        validUntil: toDate(n.validUntil),
        sourceFile: fileName,
        sourcePath: result.source,
        uploadId,
        parentCredentialId: parentId,
        uploadedBy: actor.userId,
        uploadedAt: verifiedAt,
        verifiedAt,
      });
      if (!row.created) return row;
      if (deps.mapCredentialSkills && !NO_SKILLS_STATUSES.has(result.verification.status)) {
        await deps.mapCredentialSkills(tx, { candidateId, credentialId: row.id, achievement: n.achievement });
      }
      await enqueueCandidateChange(tx, candidateId, 'credential_added');
      return row;
    });
  }

  return {
    /**
     * Verifies every credential in one uploaded file and stores each readable one in its own
     * transaction (credential row, skill evidence, outbox entry), so one bad credential never leaves
     * anything half-written and never stops the rest. Same bytes for the same candidate: no duplicate.
     * `onResult` is called as each credential completes (the upload route streams it).
     */
    async ingestFile(
      actor: Actor,
      input: { fileName: string; bytes: Uint8Array; uploadId?: string; onResult?: (r: IngestResult) => void },
    ): Promise<IngestResult[]> {
      const candidateId = requireCandidate(actor);
      const uploadId = input.uploadId ?? randomUUID();
      const verifiedAt = now();
      const verified = await deps.verifyFile(input.fileName, input.bytes, {
        now: verifiedAt,
        trustedIssuers: null,
        subjectIdentities: await subjectIdentities(actor),
      });
      const trusted = await allTrustedIssuerEntries(db);
      const idsByIndex = new Map<number, string>();
      const out: IngestResult[] = [];
      for (const result of verified) {
        const line: IngestResult = {
          file: input.fileName,
          index: result.index,
          source: result.source,
          format: result.format,
          status: result.verification.status,
          keyBinding: result.verification.keyBinding,
          revocation: result.verification.revocation,
          checks: result.verification.checks,
          credentialId: null,
          duplicate: false,
          stored: false,
        };
        if (result.format && result.normalized && result.raw && result.contentHash) {
          try {
            const parentId =
              result.parentIndex !== null ? (idsByIndex.get(result.parentIndex) ?? null) : null;
            const row = await storeOne(
              actor,
              candidateId,
              input.fileName,
              uploadId,
              result,
              parentId,
              trusted,
              verifiedAt,
            );
            idsByIndex.set(result.index, row.id);
            line.credentialId = row.id;
            line.duplicate = !row.created;
            line.stored = row.created;
          } catch (error) {
            line.error = `This credential could not be stored (${(error as Error).message.split('\n')[0]}); nothing of it was saved.`;
          }
        }
        out.push(line);
        input.onResult?.(line);
      }
      return out;
    },

    async list(actor: Actor): Promise<CredentialSummary[]> {
      return listCandidateCredentials(db, requireCandidate(actor));
    },

    /** A credential with its raw text and every check; candidates see their own only. */
    async byId(actor: Actor, id: string): Promise<CredentialView> {
      const candidateId = requireCandidate(actor);
      const row = await findCredential(db, id);
      if (!row || row.candidateId !== candidateId)
        throw new DomainError('NOT_FOUND', 'Credential not found.');
      return { ...row, trustedByYourOrganization: null };
    },

    /** Deletes a credential with everything derived from it (nested CLR credentials, skill evidence, search document). */
    async remove(actor: Actor, id: string): Promise<{ deleted: string[] }> {
      const candidateId = requireCandidate(actor);
      return db.transaction(async (tx) => {
        const row = await findCredential(tx, id);
        if (!row || row.candidateId !== candidateId)
          throw new DomainError('NOT_FOUND', 'Credential not found.');
        const deleted = await deleteCredential(tx, id);
        await enqueueCandidateChange(tx, candidateId, 'credential_removed');
        return { deleted };
      });
    },

    /** Re-checks one stored credential now (signature, dates, revocation), from its stored bytes. */
    async reverify(actor: Actor, id: string): Promise<CredentialView> {
      const candidateId = requireCandidate(actor);
      const row = await findCredential(db, id);
      if (!row || row.candidateId !== candidateId)
        throw new DomainError('NOT_FOUND', 'Credential not found.');
      await reverifyStored(row);
      return { ...(await findCredential(db, id))!, trustedByYourOrganization: null };
    },

    /** The re-verify job: re-checks credentials last verified before `olderThan` (revocation, expiry). */
    async reverifyStale(options: {
      olderThan: Date;
      limit: number;
    }): Promise<{ checked: number; changed: number }> {
      const rows = await staleCredentials(db, options.olderThan, options.limit);
      let changed = 0;
      for (const { id } of rows) {
        const row = await findCredential(db, id);
        if (row && (await reverifyStored(row))) changed++;
      }
      return { checked: rows.length, changed };
    },

    /** For employer views: org-specific trust of a candidate's credentials, evaluated on read. */
    async trustFor(organizationId: string, issuerId: string | null): Promise<boolean> {
      return isIssuerTrusted(issuerId, await listTrustedIssuers(db, organizationId));
    },
  };

  async function reverifyStored(row: CredentialDetail): Promise<boolean> {
    const results = await deps.verifyFile(row.sourceFile, new TextEncoder().encode(row.raw), {
      now: now(),
      trustedIssuers: null,
    });
    const match = results.find((r) => r.contentHash === row.contentHash) ?? results[0];
    if (!match) return false;
    const v = reevaluateIssuerTrust(match.verification, row.issuerId, []);
    const checks = v.checks.map((c) =>
      c.name === 'issuer_trust'
        ? {
            ...c,
            status: 'skipped' as const,
            reason: 'Trust is evaluated against each organization’s list when it views the credential.',
          }
        : c,
    );
    const changed =
      v.status !== row.status || v.revocation !== row.revocation || v.keyBinding !== row.keyBinding;
    await db.transaction(async (tx) => {
      await updateVerification(tx, row.id, {
        status: v.status,
        keyBinding: v.keyBinding,
        revocation: v.revocation,
        checks,
        verifiedAt: now(),
      });
      if (changed) await enqueueCandidateChange(tx, row.candidateId, 'credential_reverified');
    });
    return changed;
  }
}

export type CredentialIngestService = ReturnType<typeof createCredentialIngestService>;
