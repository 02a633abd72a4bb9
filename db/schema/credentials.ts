import {
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { AchievementData, Check, NormalizedCredential } from '@/server/domain/credentials/model';
import { users } from './auth';
import { candidates } from './candidates';

/**
 * A candidate's credentials: the credential's own bytes kept verbatim (text: JSON, compact JWS or an
 * assertion URL — baked images are stored as the credential they carry) with their sha256, the
 * normalized record, and the latest verification. One row per (candidate, content hash): re-uploading
 * the same credential creates no duplicate. Nested CLR credentials point at their CLR.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    contentHash: text('content_hash').notNull(),
    raw: text('raw').notNull(),
    mediaType: text('media_type').notNull(),
    format: text('format').notNull(),
    /** 'verified' | 'invalid' | 'expired' | 'not_yet_valid' | 'revoked' | 'unverifiable' */
    status: text('status').notNull(),
    /** 'confirmed' | 'unconfirmed' | 'none' */
    keyBinding: text('key_binding').notNull(),
    /** 'ok' | 'revoked' | 'suspended' | 'unknown' | 'none' */
    revocation: text('revocation').notNull(),
    /** Whether any organization's trusted-issuer list names this issuer (org-specific trust is computed on read). */
    issuerTrusted: boolean('issuer_trusted').notNull().default(false),
    issuerId: text('issuer_id'),
    issuerName: text('issuer_name'),
    achievementName: text('achievement_name').notNull(),
    achievement: jsonb('achievement').$type<AchievementData>().notNull(),
    normalized: jsonb('normalized').$type<NormalizedCredential>().notNull(),
    checks: jsonb('checks').$type<Check[]>().notNull(),
    subjectId: text('subject_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    /** Upload provenance: the uploaded file and where in it (e.g. `wallet.zip > badges/a.png > openbadgecredential`). */
    sourceFile: text('source_file').notNull(),
    sourcePath: text('source_path').notNull(),
    uploadId: uuid('upload_id').notNull(),
    parentCredentialId: uuid('parent_credential_id').references((): AnyPgColumn => credentials.id, {
      onDelete: 'cascade',
    }),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credentials_candidate_hash_idx').on(t.candidateId, t.contentHash),
    index('credentials_issuer_idx').on(t.issuerId),
    index('credentials_verified_at_idx').on(t.verifiedAt),
  ],
);
